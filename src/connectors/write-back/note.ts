import type { WriteBackState } from './writeback.model';

/** What one write-back says, gathered from the response (and its task). Pure. */
export interface WriteBackContent {
  state: WriteBackState;
  surveyType: string;
  score: number;
  scale: { min: number; max: number };
  category: string | null;
  comment: string | null;
  task: {
    title: string;
    link: string;
    assigneeName: string | null;
    outcome: {
      reachedCustomer: boolean;
      problemFixed: string;
      sentiment: string;
      comment: string | null;
    } | null;
  } | null;
}

export interface WriteBackText {
  /** Plain text; providers whose notes are HTML escape it (see noteHtml). */
  note: string;
  tags: string[];
}

const TAG_SAFE = /[^a-z0-9_-]+/g;

/** `retour` lets a helpdesk trigger exclude our own updates; the other names the answer. */
export function writeBackTags(content: Pick<WriteBackContent, 'surveyType' | 'category'>) {
  const tags = ['retour'];
  if (content.category) {
    tags.push(
      `retour-${content.surveyType}-${content.category}`.toLowerCase().replace(TAG_SAFE, '-'),
    );
  }
  return tags;
}

const quoted = (text: string) => `“${text.trim()}”`;
const yesNo = (b: boolean) => (b ? 'yes' : 'no');

export function composeWriteBack(content: WriteBackContent): WriteBackText {
  const scoreLine = `${content.surveyType.toUpperCase()} ${content.score}/${content.scale.max}${
    content.category ? ` (${content.category})` : ''
  }`;
  const lines: string[] = [];
  if (content.state === 'answered') {
    lines.push(`Retour survey answer: ${scoreLine}`);
    lines.push(content.comment ? `Comment: ${quoted(content.comment)}` : 'No comment.');
  } else if (content.state === 'task_created' && content.task) {
    lines.push(`Retour follow-up task created for ${scoreLine}: ${content.task.title}`);
    if (content.task.assigneeName) lines.push(`Assigned to ${content.task.assigneeName}.`);
    lines.push(content.task.link);
  } else if (content.task) {
    const o = content.task.outcome;
    lines.push(`Retour follow-up task resolved for ${scoreLine}: ${content.task.title}`);
    if (o) {
      lines.push(
        `Customer reached: ${yesNo(o.reachedCustomer)}. Problem fixed: ${o.problemFixed}. Sentiment: ${o.sentiment}.`,
      );
      if (o.comment) lines.push(`Outcome: ${quoted(o.comment)}`);
    }
    lines.push(content.task.link);
  }
  return { note: lines.join('\n'), tags: writeBackTags(content) };
}

/** The note as HTML, for providers whose note body is HTML (Freshdesk, Intercom). */
export function noteHtml(note: string): string {
  const escaped = note
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
  return escaped
    .split('\n')
    .map((line) => `<p>${line}</p>`)
    .join('');
}

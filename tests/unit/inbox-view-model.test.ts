import { parseNote, parseOutcome, parseReassign } from '../../src/tasks/inbox-forms';
import {
  ageLabel,
  attributeLines,
  categoryBadge,
  dueBadge,
  formatTime,
  outcomeLines,
  shortDuration,
  truncate,
} from '../../src/tasks/inbox-view-model';

const now = new Date('2026-03-12T12:00:00Z');
const at = (offsetMs: number) => new Date(now.getTime() + offsetMs).toISOString();
const H = 3600_000;

describe('durations and ages', () => {
  it.each([
    [30_000, '1 min'],
    [59 * 60_000, '59 min'],
    [H, '1 h'],
    [47 * H, '47 h'],
    [50 * H, '2 d'],
    [-3 * H, '3 h'],
  ])('when %d ms, then "%s"', (ms, label) => {
    expect(shortDuration(ms)).toBe(label);
  });

  it('when a task was created 5 hours ago, then its age is "5 h"', () => {
    expect(ageLabel(at(-5 * H), now)).toBe('5 h');
  });
});

describe('due badge', () => {
  const task = (dueAt: string, overdue = false, status: 'open' | 'resolved' = 'open') => ({
    dueAt,
    overdue,
    status,
    resolvedAt: null,
  });
  it.each([
    ['past due', task(at(-2 * H)), { label: 'Overdue by 2 h', tone: 'bad' }],
    [
      'flagged overdue by the SLA',
      task(at(10_000), true),
      { label: 'Overdue by 1 min', tone: 'bad' },
    ],
    ['due in 3 hours', task(at(3 * H)), { label: 'Due soon: in 3 h', tone: 'warn' }],
    ['due in 3 days', task(at(72 * H)), { label: 'Due in 3 d', tone: null }],
    ['resolved late', task(at(-9 * H), true, 'resolved'), { label: 'Resolved', tone: 'ok' }],
  ])('when %s, then the badge says so', (_name, t, badge) => {
    expect(dueBadge(t, now)).toEqual(badge);
  });
});

describe('formatting', () => {
  it('when categories are given, then the tone follows good / middle / bad', () => {
    expect(categoryBadge('detractor')).toEqual({ label: 'Detractor', tone: 'bad' });
    expect(categoryBadge('passive')?.tone).toBe('warn');
    expect(categoryBadge('satisfied')?.tone).toBe('ok');
    expect(categoryBadge(null)).toBeNull();
  });

  it('when a comment is long, then it is cut on a word with an ellipsis', () => {
    expect(truncate('short  one\n')).toBe('short one');
    const cut = truncate('word '.repeat(50), 22)!;
    expect(cut).toBe('word word word word…');
    expect(truncate(null)).toBeNull();
  });

  it('when a time is shown, then it is in the workspace time zone', () => {
    expect(formatTime('2026-03-12T12:00:00.000Z', 'Europe/Paris')).toBe('12 Mar 2026, 13:00');
    expect(formatTime(null, 'Europe/Paris')).toBeNull();
  });

  it('when a segment has blanks and custom attributes, then only filled fields are listed', () => {
    expect(
      attributeLines({
        interactionType: 'ticket.solved',
        team: null,
        product: 'Fibre',
        attributes: { product: 'Fibre', tier: 'gold', empty: null },
      }),
    ).toEqual([
      { label: 'Interaction', value: 'ticket.solved' },
      { label: 'Product', value: 'Fibre' },
      { label: 'tier', value: 'gold' },
    ]);
  });
});

describe('forms', () => {
  it('when the outcome form is complete, then it matches the API outcome schema', () => {
    expect(
      parseOutcome({
        reachedCustomer: 'yes',
        problemFixed: 'no',
        sentiment: 'neutral',
        outcomeComment: ' ',
      }),
    ).toMatchObject({
      ok: true,
      value: { reachedCustomer: true, problemFixed: 'no', sentiment: 'neutral', comment: null },
    });
  });

  it('when the problem is partly fixed, then the outcome says "partly"; an unknown answer is missing', () => {
    const base = { reachedCustomer: 'yes', sentiment: 'neutral' };
    expect(parseOutcome({ ...base, problemFixed: 'partly' })).toMatchObject({
      ok: true,
      value: { problemFixed: 'partly' },
    });
    const unknown = parseOutcome({ ...base, problemFixed: 'maybe' });
    expect(!unknown.ok && unknown.error).toBe('To resolve, answer whether the problem is fixed.');
    expect(
      outcomeLines({
        reachedCustomer: true,
        problemFixed: 'partly',
        sentiment: 'neutral',
        comment: null,
      }),
    ).toContainEqual({ label: 'Problem fixed', value: 'Partly' });
  });

  it('when answers are missing, then the error names them and the typed text is kept', () => {
    const result = parseOutcome({ reachedCustomer: 'yes', outcomeComment: 'called twice' });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error).toBe(
      "To resolve, answer whether the problem is fixed, the customer's sentiment.",
    );
    expect(result.kept.outcomeComment).toBe('called twice');
  });

  it('when a note is blank, then it is refused; else trimmed', () => {
    expect(parseNote({ note: '  ' }).ok).toBe(false);
    expect(parseNote({ note: ' hi ' })).toMatchObject({ ok: true, value: 'hi' });
  });

  it('when a reassignment is posted, then it names a user or a team queue', () => {
    expect(parseReassign({ to: 'user:0123456789abcdef01234567' })).toEqual({
      ok: true,
      value: { userId: '0123456789abcdef01234567' },
    });
    expect(parseReassign({ to: 'team:billing' })).toEqual({
      ok: true,
      value: { userId: null, team: 'billing' },
    });
    expect(parseReassign({ to: 'user:nope' }).ok).toBe(false);
  });
});

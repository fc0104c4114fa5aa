import { composeWriteBack, noteHtml, writeBackTags } from '../../src/connectors/write-back';
import { mergedTags } from '../../src/connectors/write-back/merge-tags';

const base = {
  surveyType: 'csat',
  score: 2,
  scale: { min: 1, max: 5 },
  category: 'unsatisfied',
  comment: '  Too slow  ',
  task: null,
};
const task = {
  title: 'Call back an unhappy customer',
  link: 'https://retour.example/app/tasks/abc',
  assigneeName: 'Ada Lovelace',
  outcome: null,
};

describe('write-back note and tags', () => {
  it('when an answer is written, then the note has the score on its scale, the category and the comment', () => {
    expect(composeWriteBack({ ...base, state: 'answered' })).toEqual({
      note: 'Retour survey answer: CSAT 2/5 (unsatisfied)\nComment: “Too slow”',
      tags: ['retour', 'retour-csat-unsatisfied'],
    });
  });

  it('when a task is created, then the note names it, its assignee and its console link', () => {
    expect(composeWriteBack({ ...base, state: 'task_created', task }).note).toBe(
      [
        'Retour follow-up task created for CSAT 2/5 (unsatisfied): Call back an unhappy customer',
        'Assigned to Ada Lovelace.',
        'https://retour.example/app/tasks/abc',
      ].join('\n'),
    );
  });

  it('when a task is resolved, then the note carries the outcome', () => {
    const outcome = {
      reachedCustomer: false,
      problemFixed: 'partly',
      sentiment: 'neutral',
      comment: 'Left a voicemail',
    };
    expect(
      composeWriteBack({ ...base, state: 'task_resolved', task: { ...task, outcome } }).note,
    ).toBe(
      [
        'Retour follow-up task resolved for CSAT 2/5 (unsatisfied): Call back an unhappy customer',
        'Customer reached: no. Problem fixed: partly. Sentiment: neutral.',
        'Outcome: “Left a voicemail”',
        'https://retour.example/app/tasks/abc',
      ].join('\n'),
    );
  });

  it('when there is no category, then only the retour tag is written', () => {
    expect(writeBackTags({ surveyType: 'nps', category: null })).toEqual(['retour']);
  });

  it('when the note holds markup, then the HTML form escapes it line by line', () => {
    expect(noteHtml('a <b> & "c"\nsecond')).toBe(
      '<p>a &lt;b&gt; &amp; &quot;c&quot;</p><p>second</p>',
    );
  });

  it('when the tags are merged, then theirs stay first, ours are added once, case-insensitively', () => {
    expect(mergedTags(['VIP', 'retour'], ['retour', 'retour-nps-promoter'])).toEqual([
      'VIP',
      'retour',
      'retour-nps-promoter',
    ]);
    expect(mergedTags(['retour', 'retour-nps-promoter'], ['retour', 'retour-nps-promoter'])).toBe(
      null,
    );
  });
});

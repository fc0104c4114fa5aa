import { DateTime } from 'luxon';
import { planDemoHistory, type DemoHistoryInput } from '../../src/demo/history-plan';
import { createRng } from '../../src/demo/prng';
import { scoreCategory } from '../../src/responses/score-category';

const WEEK = 7 * 86_400_000;
const survey = (type: 'nps' | 'csat' | 'ces', min: number, max: number, lower = false) => ({
  type,
  scale: { min, max },
  direction: lower ? ('lower_better' as const) : ('higher_better' as const),
  expiryMs: WEEK,
  reminderDelayMs: 86_400_000,
});
const input = (over: Partial<DemoHistoryInput> = {}): DemoHistoryInput => ({
  now: new Date('2026-11-25T14:00:00Z'),
  weeks: 12,
  seed: 7,
  timezone: 'Europe/Paris',
  interactionsPerWeek: 460,
  surveys: {
    nps: survey('nps', 0, 10),
    csat: survey('csat', 1, 5),
    ces: survey('ces', 1, 5, true),
  },
  agents: [
    { id: 'a1', name: 'Alice Agent', email: 'alice@demo.retour', team: 'billing' },
    { id: 'b2', name: 'Bob Agent', email: 'bob@demo.retour', team: 'support' },
  ],
  ...over,
});

const nps = (scores: number[]) =>
  scores.length === 0
    ? null
    : (100 * (scores.filter((s) => s >= 9).length - scores.filter((s) => s <= 6).length)) /
      scores.length;

describe('seeded random numbers', () => {
  it('when the seed is the same, then the draws are the same; another seed draws others', () => {
    const a = createRng(42);
    const b = createRng(42);
    const c = createRng(43);
    const draws = (r: ReturnType<typeof createRng>) => Array.from({ length: 5 }, () => r.next());
    const first = draws(a);
    expect(draws(b)).toEqual(first);
    expect(draws(c)).not.toEqual(first);
    expect(first.every((x) => x >= 0 && x < 1)).toBe(true);
  });
});

describe('demo history plan', () => {
  const plan = planDemoHistory(input());
  const answered = plan.cases.filter((c) => c.response);

  it('when planned twice from the same input, then the plans are identical', () => {
    expect(JSON.stringify(planDemoHistory(input()))).toBe(JSON.stringify(plan));
    expect(planDemoHistory(input({ seed: 8 })).cases.length).not.toBe(0);
  });

  it('when planned, then every event follows the one before it and none is after now', () => {
    const now = +input().now;
    const from = now - 12 * WEEK;
    for (const c of plan.cases) {
      const inv = c.invitation;
      expect(+c.interaction.occurredAt).toBeGreaterThanOrEqual(from);
      expect(+c.interaction.occurredAt).toBeLessThan(+inv.sentAt);
      expect(+inv.sentAt).toBeLessThan(now);
      if (c.response) {
        expect(+c.response.answeredAt).toBeGreaterThan(+inv.sentAt);
        expect(+c.response.answeredAt).toBeLessThanOrEqual(now);
        expect(+c.response.answeredAt).toBeLessThan(+inv.expiresAt);
      }
      const t = c.followUp;
      if (t) {
        expect(+t.createdAt).toBeGreaterThan(+c.response!.answeredAt);
        expect(+t.dueAt).toBeGreaterThan(+t.createdAt);
        if (t.firstActionAt) expect(+t.firstActionAt).toBeGreaterThan(+t.createdAt);
        if (t.resolvedAt) expect(+t.resolvedAt).toBeGreaterThanOrEqual(+t.firstActionAt!);
        if (t.resolvedAt) expect(+t.resolvedAt).toBeLessThanOrEqual(now);
        expect(t.overdue).toBe(+t.dueAt <= now && (!t.resolvedAt || +t.resolvedAt > +t.dueAt));
      }
    }
  });

  it('when planned, then only NPS detractors and CSAT 1–2 get follow-ups, as the default rules do', () => {
    for (const c of answered) {
      if (!c.followUp) continue;
      const r = c.response!;
      expect(
        (c.invitation.surveyType === 'nps' && r.category === 'detractor') ||
          (c.invitation.surveyType === 'csat' && r.score <= 2),
      ).toBe(true);
    }
  });

  it('when planned, then weekdays are busier than Sundays and office hours busier than the night', () => {
    const local = plan.cases.map((c) =>
      DateTime.fromJSDate(c.interaction.occurredAt, { zone: 'Europe/Paris' }),
    );
    const monday = local.filter((d) => d.weekday === 1).length;
    const sunday = local.filter((d) => d.weekday === 7).length;
    expect(monday).toBeGreaterThan(4 * sunday);
    const at = (h: number) => local.filter((d) => d.hour === h).length;
    expect(at(10)).toBeGreaterThan(5 * at(20));
    expect(at(3)).toBe(0);
  });

  it.each(['2026-03-30T07:00:00Z', '2026-07-05T21:30:00Z', '2026-11-25T14:00:00Z'])(
    'when the history ends %s, then the bad week is clearly worse than the weeks around it',
    (end) => {
      const p = planDemoHistory(input({ now: new Date(end) }));
      const weekly = (offset: number) =>
        nps(
          p.cases
            .filter((c) => c.response && c.invitation.surveyType === 'nps')
            .filter((c) => {
              const week = DateTime.fromJSDate(c.interaction.occurredAt, { zone: 'Europe/Paris' })
                .startOf('week')
                .toMillis();
              const target = DateTime.fromJSDate(p.badWeek, { zone: 'Europe/Paris' });
              return week === target.plus({ weeks: offset }).toMillis();
            })
            .map((c) => c.response!.score),
        )!;
      expect(weekly(-1) - weekly(0)).toBeGreaterThan(20);
      expect(weekly(1) - weekly(0)).toBeGreaterThan(20);
    },
  );

  it('when the CES survey asks 1–7 agreement, then answers stay on that scale with its categories', () => {
    const ces7 = survey('ces', 1, 7);
    const p = planDemoHistory(input({ weeks: 2, surveys: { ces: ces7 } }));
    const scores = p.cases.flatMap((c) => (c.response ? [c.response] : []));
    expect(scores.length).toBeGreaterThan(50);
    for (const r of scores) {
      expect(r.score).toBeGreaterThanOrEqual(1);
      expect(r.score).toBeLessThanOrEqual(7);
      expect(r.category).toBe(scoreCategory(ces7, r.score));
    }
    expect(new Set(scores.map((r) => r.score)).size).toBeGreaterThan(4);
  });

  it('when there are no agents, then interactions carry none and follow-ups wait in no one’s hands', () => {
    const p = planDemoHistory(input({ weeks: 2, agents: [] }));
    expect(p.cases.every((c) => c.interaction.agent === null)).toBe(true);
    expect(p.cases.filter((c) => c.followUp).every((c) => c.followUp!.assignee === null)).toBe(
      true,
    );
  });
});

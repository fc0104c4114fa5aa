import fc from 'fast-check';
import {
  followupFigures,
  followupGroups,
  isContacted,
  isSlaBreach,
  primaryTask,
  type DetractorRow,
  type FollowupTask,
} from '../../src/reports/followup-figures';
import { summaryCsv } from '../../src/reports/summary-csv';

const T0 = new Date('2026-10-07T10:00:00Z');
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);
const NOW = at(10 * 86400);

let taskSeq = 0;
function task(fields: Partial<FollowupTask> = {}): FollowupTask {
  taskSeq += 1;
  return {
    id: String(taskSeq).padStart(24, '0'),
    assigneeId: null,
    assigneeName: null,
    team: null,
    status: 'open',
    createdAt: T0,
    firstActionAt: null,
    resolvedAt: null,
    dueAt: at(86400),
    overdue: false,
    reachedCustomer: null,
    noteCount: 0,
    ...fields,
  };
}

describe('isContacted', () => {
  it.each`
    case                                    | fields                                                             | expected
    ${'untouched'}                          | ${{}}                                                              | ${false}
    ${'a first action, no outcome'}         | ${{ firstActionAt: at(60) }}                                       | ${true}
    ${'a note only'}                        | ${{ noteCount: 1 }}                                                | ${true}
    ${'outcome: reached'}                   | ${{ reachedCustomer: true }}                                       | ${true}
    ${'outcome: not reached, despite work'} | ${{ reachedCustomer: false, firstActionAt: at(60), noteCount: 2 }} | ${false}
  `('when $case, then $expected', ({ fields, expected }) => {
    expect(isContacted(task(fields))).toBe(expected);
  });
});

describe('isSlaBreach', () => {
  it.each`
    case                                | fields                                           | expected
    ${'flagged overdue'}                | ${{ overdue: true, dueAt: at(10 * 86400 + 1) }}  | ${true}
    ${'resolved on time'}               | ${{ status: 'resolved', resolvedAt: at(86400) }} | ${false}
    ${'resolved one second late'}       | ${{ status: 'resolved', resolvedAt: at(86401) }} | ${true}
    ${'open, due passed, flag not set'} | ${{}}                                            | ${true}
    ${'open, not yet due'}              | ${{ dueAt: at(11 * 86400) }}                     | ${false}
  `('when $case, then $expected', ({ fields, expected }) => {
    expect(isSlaBreach(task(fields), NOW)).toBe(expected);
  });
});

describe('followupFigures', () => {
  it('when nothing was unhappy, then zero counts and null shares and times (not 0)', () => {
    expect(followupFigures([], NOW)).toEqual({
      detractors: 0,
      withTask: 0,
      contacted: 0,
      resolved: 0,
      resolvedWithoutContact: 0,
      shares: { withTask: null, contacted: null, resolved: null },
      timeToFirstAction: { n: 0, median: null, p90: null },
      timeToResolution: { n: 0, median: null, p90: null },
      slaBreaches: 0,
    });
  });

  it('when answers have tasks, then shares are of all unhappy answers and times are nearest-rank', () => {
    const rows: DetractorRow[] = [
      { team: 'A', tasks: [] },
      ...[100, 200, 300, 400].map((s) => ({
        team: 'A',
        tasks: [
          task({
            status: 'resolved',
            firstActionAt: at(s),
            resolvedAt: at(s * 10),
            dueAt: at(2500),
            reachedCustomer: true,
          }),
        ],
      })),
    ];
    expect(followupFigures(rows, NOW)).toEqual({
      detractors: 5,
      withTask: 4,
      contacted: 4,
      resolved: 4,
      resolvedWithoutContact: 0,
      shares: { withTask: 80, contacted: 80, resolved: 80 },
      // Even count: the median is the lower middle value, p90 rank ⌈3.6⌉ = 4.
      timeToFirstAction: { n: 4, median: 200, p90: 400 },
      timeToResolution: { n: 4, median: 2000, p90: 4000 },
      slaBreaches: 2,
    });
  });

  it('when an answer has several tasks, then only the first created is its follow-up', () => {
    const first = task({ createdAt: at(0), assigneeId: 'u1' });
    const second = task({ createdAt: at(5), assigneeId: 'u2', status: 'resolved' });
    expect(primaryTask([second, first])).toBe(first);
    expect(primaryTask([])).toBeNull();
    const rows = [{ team: null, tasks: [second, first] }];
    expect(followupFigures(rows, NOW).resolved).toBe(0);
    expect(followupGroups(rows, 'agent', NOW).map((g) => g.key)).toEqual(['u1']);
  });

  it('when tasks are in any mix of states, then every funnel stage is a subset of the one before', () => {
    const anyTask = fc.record({
      status: fc.constantFrom('open', 'in_progress', 'resolved'),
      acted: fc.boolean(),
      notes: fc.nat(2),
      reached: fc.constantFrom(true, false, null),
    });
    fc.assert(
      fc.property(fc.array(fc.option(anyTask), { maxLength: 30 }), (specs) => {
        const rows: DetractorRow[] = specs.map((spec) => ({
          team: null,
          tasks: spec
            ? [
                task({
                  status: spec.status,
                  firstActionAt: spec.acted ? at(60) : null,
                  resolvedAt: spec.status === 'resolved' ? at(120) : null,
                  noteCount: spec.notes,
                  reachedCustomer: spec.reached,
                }),
              ]
            : [],
        }));
        const f = followupFigures(rows, NOW);
        const resolvedTasks = specs.filter((s) => s?.status === 'resolved').length;
        return (
          f.detractors >= f.withTask &&
          f.withTask >= f.contacted &&
          f.contacted >= f.resolved &&
          f.resolved + f.resolvedWithoutContact === resolvedTasks
        );
      }),
    );
  });

  it('when two tasks of an answer were created in the same millisecond, then the lower id is its follow-up, in either order', () => {
    const lower = task({ id: 'a'.repeat(24), assigneeId: 'u1' });
    const higher = task({ id: 'b'.repeat(24), assigneeId: 'u2' });
    expect(primaryTask([higher, lower])).toBe(lower);
    expect(primaryTask([lower, higher])).toBe(lower);
  });
});

describe('followupGroups', () => {
  const rows: DetractorRow[] = [
    { team: 'B', tasks: [task({ assigneeId: 'u2', assigneeName: 'Zoe', team: 'A' })] },
    { team: 'B', tasks: [] },
    { team: null, tasks: [task({ team: null })] },
    { team: 'A', tasks: [task({ assigneeId: 'u1', assigneeName: 'Yan', team: 'A' })] },
  ];
  it("when an assignee's name differs between tasks, then the group's label is the same in any row order", () => {
    const named = (name: string): DetractorRow => ({
      team: null,
      tasks: [task({ assigneeId: 'u1', assigneeName: name })],
    });
    const labels = (order: DetractorRow[]) =>
      followupGroups(order, 'agent', NOW).map((g) => g.label);
    expect(labels([named('Ann'), named('Anna')])).toEqual(['Anna']);
    expect(labels([named('Anna'), named('Ann')])).toEqual(['Anna']);
  });

  it('when by agent, then by assignee with the unassigned last', () => {
    expect(followupGroups(rows, 'agent', NOW).map((g) => [g.key, g.label, g.detractors])).toEqual([
      ['u1', 'Yan', 1],
      ['u2', 'Zoe', 1],
      [null, '(unassigned)', 2],
    ]);
  });
  it("when by team, then the task's team, else the answer's, else none", () => {
    expect(followupGroups(rows, 'team', NOW).map((g) => [g.key, g.label, g.detractors])).toEqual([
      ['A', 'A', 2],
      ['B', 'B', 1],
      [null, '(no team)', 1],
    ]);
  });
});

describe('summaryCsv', () => {
  it('when a label looks like a formula, then it is neutralised; missing figures are empty', () => {
    const csv = summaryCsv({
      overall: { score: -20, n: 10, ci95: [-70.5, 30.5], responseRate: 41.2, lowN: true },
      groups: [
        {
          key: '=cmd|calc',
          label: '=cmd|calc',
          score: -20,
          n: 10,
          ci95: [-70.5, 30.5],
          responseRate: null,
          lowN: true,
        },
        {
          key: 'x',
          label: 'Team, "x"',
          score: null,
          n: 0,
          ci95: null,
          responseRate: 0,
          lowN: true,
        },
      ],
    });
    expect(csv).toBe(
      '\uFEFFkey,label,score,n,ci_low,ci_high,response_rate,low_n\r\n' +
        ',Overall,-20,10,-70.5,30.5,41.2,true\r\n' +
        "'=cmd|calc,'=cmd|calc,-20,10,-70.5,30.5,,true\r\n" +
        'x,"Team, ""x""",,0,,,0,true\r\n',
    );
  });
});

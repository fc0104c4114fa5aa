import { pickLeastLoaded, pickRoundRobin } from '../../src/tasks/assignment';

const members = [
  { id: 'c', name: 'Chloé' },
  { id: 'a', name: 'Ana' },
  { id: 'b', name: 'Bruno' },
];

describe('pickRoundRobin', () => {
  it.each([
    [1, 'a'],
    [2, 'b'],
    [3, 'c'],
    [4, 'a'],
    [100, 'a'],
  ])('turn %i goes to %s', (turn, expected) => {
    expect(pickRoundRobin(members, turn)?.id).toBe(expected);
  });

  it('when turns 1..100 are dealt, then nobody gets more than one task more than anyone else', () => {
    const counts = new Map<string, number>();
    for (let turn = 1; turn <= 100; turn++) {
      const id = pickRoundRobin(members, turn)!.id;
      counts.set(id, (counts.get(id) ?? 0) + 1);
    }
    expect(Math.max(...counts.values()) - Math.min(...counts.values())).toBeLessThanOrEqual(1);
  });

  it('when the team is empty, then nobody is picked', () => {
    expect(pickRoundRobin([], 1)).toBeNull();
  });
});

describe('pickLeastLoaded', () => {
  it.each<[string, [string, number][], string]>([
    [
      'fewest open tasks',
      [
        ['a', 3],
        ['b', 1],
        ['c', 2],
      ],
      'b',
    ],
    [
      'no tasks counts as zero',
      [
        ['a', 1],
        ['b', 1],
      ],
      'c',
    ],
    [
      'ties go to the lowest id',
      [
        ['a', 2],
        ['b', 2],
        ['c', 2],
      ],
      'a',
    ],
  ])('%s', (_name, loads, expected) => {
    expect(pickLeastLoaded(members, new Map(loads))?.id).toBe(expected);
  });
});

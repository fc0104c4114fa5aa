import { Types } from 'mongoose';
import { canSee, visibilityFilter, type Actor } from '../../src/shared/roles';

const workspaceId = new Types.ObjectId();
const me = new Types.ObjectId();
const someoneElse = new Types.ObjectId();

const actor = (role: Actor['role'], teams: string[] = ['billing']): Actor => ({
  kind: 'user',
  workspaceId,
  role,
  userId: me,
  teams,
  scopes: [],
});

describe('who sees what', () => {
  it.each([
    ['agent', { assigneeId: me, team: 'support' }, true],
    ['agent', { assigneeId: someoneElse, team: 'billing' }, false],
    ['agent', { assigneeId: null, team: 'billing' }, true],
    ['agent', { assigneeId: null, team: 'support' }, false],
    ['agent', { assigneeId: null, team: null }, false],
    ['manager', { assigneeId: someoneElse, team: 'support' }, true],
    ['admin', { assigneeId: null, team: null }, true],
  ] as const)('when a %s looks at %j, then visible is %s', (role, item, visible) => {
    expect(canSee(actor(role), item)).toBe(visible);
  });

  it('when an agent lists, then the filter keeps their own items and their teams’ unassigned queue', () => {
    expect(visibilityFilter(actor('agent', ['billing', 'support']))).toEqual({
      $or: [{ assigneeId: me }, { assigneeId: null, team: { $in: ['billing', 'support'] } }],
    });
    expect(visibilityFilter(actor('manager'))).toEqual({});
  });
});

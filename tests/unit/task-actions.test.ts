import { Types } from 'mongoose';
import { taskActions } from '../../src/tasks/task-page-model';

const me = new Types.ObjectId();
const other = new Types.ObjectId();
const agent = { role: 'agent' as const, userId: me };
const manager = { role: 'manager' as const, userId: me };
const assigned = (id: Types.ObjectId | null) => (id ? { id: String(id), name: 'X' } : null);

describe('taskActions (what a task page offers)', () => {
  it.each([
    ['a queue task, to an agent', { status: 'open', assignee: null }, agent, ['claim']],
    ['my open task', { status: 'open', assignee: assigned(me) }, agent, ['start', 'resolve']],
    ['my task in progress', { status: 'in_progress', assignee: assigned(me) }, agent, ['resolve']],
    [
      "someone else's task, to an agent",
      { status: 'in_progress', assignee: assigned(other) },
      agent,
      [],
    ],
    [
      "someone else's task, to a manager",
      { status: 'in_progress', assignee: assigned(other) },
      manager,
      ['claim', 'reassign'],
    ],
    ['a resolved task', { status: 'resolved', assignee: assigned(me) }, manager, []],
  ] as const)('%s: %j', (_name, task, actor, allowed) => {
    const can = taskActions(task as Parameters<typeof taskActions>[0], actor);
    expect(Object.entries(can).flatMap(([k, v]) => (v ? [k] : []))).toEqual(allowed);
  });

  it('never offers resolve before the task is claimed', () => {
    expect(taskActions({ status: 'open', assignee: null }, manager).resolve).toBe(false);
  });
});

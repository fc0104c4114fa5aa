import { Types } from 'mongoose';
import { startTestContext, type TestContext } from '../support/harness';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await startTestContext('rules-defaults');
});
afterAll(() => ctx.close());

describe('default set-up of a new workspace', () => {
  it('when two set-ups of the same new workspace race, then both succeed with one copy of each default survey and rule', async () => {
    const workspaceId = new Types.ObjectId();
    const { surveys, rules } = ctx.container.services;
    await Promise.all([
      surveys.ensureDefaults(workspaceId),
      surveys.ensureDefaults(workspaceId),
      rules.ensureDefaults(workspaceId),
      rules.ensureDefaults(workspaceId),
    ]);
    const db = ctx.container.mongo;
    const keys = (await db.collection('surveys').find({ workspaceId }).toArray()).map((s) => s.key);
    expect(keys.sort()).toEqual(['ces', 'csat', 'nps']);
    const names = (await rules.list(workspaceId)).map((r) => r.name);
    expect(names).toHaveLength(3);
    expect(new Set(names).size).toBe(3);
  });
});

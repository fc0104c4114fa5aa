import request from 'supertest';
import { createAnyTimeWorkspace, type TestContext, type TestWorkspace } from '../harness';

export interface TestConnector {
  ws: TestWorkspace;
  id: string;
  /** The inbound webhook path. */
  url: string;
  /** Freshdesk and generic: the secret Retour generated, shown once. */
  secret?: string;
}

/** A connector made through the API in a workspace of its own (no quiet hours). */
export async function createTestConnector(
  ctx: TestContext,
  body: Record<string, unknown>,
): Promise<TestConnector> {
  const ws = await createAnyTimeWorkspace(ctx, 'Acme');
  const res = await request(ctx.app)
    .post('/api/v1/connectors')
    .set(ws.auth)
    .send({ name: 'Helpdesk', ...body })
    .expect(201);
  return {
    ws,
    id: res.body.id,
    url: `/webhooks/connectors/${res.body.id}`,
    secret: res.body.secret,
  };
}

import request from 'supertest';
import type { TestContext, TestWorkspace } from '../support/harness';

export interface TestInvitation {
  id: string;
  token: string;
  /** /s/<token> */
  path: string;
}

let seq = 0;

/** An interaction posted through the API with a link-only survey: the invitation's link. */
export async function linkInvitation(
  ctx: TestContext,
  ws: TestWorkspace,
  options: {
    type?: 'nps' | 'csat' | 'ces';
    locale?: string;
    channels?: string[];
    phone?: string;
    extra?: Record<string, unknown>;
  } = {},
): Promise<TestInvitation> {
  seq += 1;
  const res = await request(ctx.app)
    .post('/api/v1/interactions')
    .set(ws.auth)
    .send({
      id: `ticket-${Date.now()}-${seq}`,
      type: 'ticket_closed',
      customer: {
        id: `customer-${seq}`,
        ...(options.locale ? { locale: options.locale } : {}),
        ...(options.phone ? { phone: options.phone } : {}),
      },
      survey: { type: options.type ?? 'nps', channels: options.channels ?? ['link'] },
      ...options.extra,
    })
    .expect(202);
  const invitation = res.body.invitations[0];
  const path = new URL(invitation.url).pathname;
  return { id: invitation.id, token: path.split('/')[2]!, path };
}

/** The hidden form nonce of a rendered survey page. */
export function nonceOf(html: string): string {
  const match = /name="nonce" value="([^"]+)"/.exec(html);
  if (!match) throw new Error('no nonce in the page');
  return match[1]!;
}

/** Loads the form and posts an answer with its nonce, as a browser would. */
export async function answer(
  ctx: TestContext,
  inv: TestInvitation,
  fields: Record<string, string>,
  status: number,
) {
  const page = await request(ctx.app).get(inv.path);
  return request(ctx.app)
    .post(inv.path)
    .type('form')
    .send({ nonce: nonceOf(page.text), ...fields })
    .expect(status);
}

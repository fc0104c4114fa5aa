import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { emailBounceInput, emailBounceView } from '../../invitations/email-bounces.schema';
import { json, jsonBody, operation, problems } from '../kit';

export function registerInvitations(r: OpenAPIRegistry): void {
  operation(r, {
    method: 'post',
    path: '/api/v1/email-bounces',
    tag: 'Invitations',
    access: { key: 'interactions:write', session: true },
    summary: 'Report a bounced invitation email',
    description:
      "For the mail provider's bounce webhook (through a small relay) or a DSN reader. A permanent bounce (5.x.x, the default) fails the email and moves the invitation, once, to the next channel its trigger allows, with the same link, respecting quiet hours and opt-outs; a passing one (4.x.x) is only noted in its history. Sessions: admins.",
    request: {
      body: jsonBody(emailBounceInput, {
        messageId: '<invitation-6650c0ffee0000000000a1b2@retour.example.com>',
        status: '5.1.1',
        diagnostic: '550 5.1.1 mailbox unknown',
      }),
    },
    responses: {
      200: json('What became of the invitation', emailBounceView),
      ...problems(400, 404),
    },
  });
}

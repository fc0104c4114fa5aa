import { Types } from 'mongoose';
import request from 'supertest';
import { TEST_PUBLIC_URL, useDeliveryApp } from '../support/delivery-env';
import { createAnyTimeWorkspace, type TestWorkspace } from '../support/harness';
import { createUser, FAST_HASHING, nextIp, signIn } from './auth-helpers';

/** The console's test send: one message of a survey to one address, from a page. */
const app = useDeliveryApp('survey-test-send-page', { env: FAST_HASHING });
beforeEach(() => {
  app.fakes.twilio.reset();
  app.fakes.smtp.reset();
});

async function signedIn(role: 'manager' | 'agent', locale?: 'fr') {
  const ws = await createAnyTimeWorkspace(app.ctx, 'Acme');
  const user = await createUser(app.ctx, ws, { role, name: 'Maud' });
  if (locale)
    await app.ctx.container.services.users.setLocale(
      ws.workspaceId,
      new Types.ObjectId(user.id),
      locale,
    );
  const { agent, csrf } = await signIn(app.ctx, user.email, undefined, nextIp());
  return { ws, agent, csrf };
}
async function npsId(ws: TestWorkspace) {
  const surveys = await app.ctx.container.services.surveys.list(ws.workspaceId);
  return surveys.find((s) => s.key === 'nps')!.id;
}
const invitations = (ws: TestWorkspace) =>
  app.ctx.container.mongo.collection('invitations').countDocuments({ workspaceId: ws.workspaceId });

describe('/app/surveys/:id/test-send', () => {
  it('when a manager sends an SMS test in French, then the fake Twilio gets it, the page shows what went out, and no invitation exists', async () => {
    const { ws, agent, csrf } = await signedIn('manager');
    const id = await npsId(ws);
    const edit = await agent.get(`/app/surveys/${id}`).expect(200);
    expect(edit.text).toContain(`href="/app/surveys/${id}/test-send"`);
    const form = await agent.get(`/app/surveys/${id}/test-send`).expect(200);
    expect(form.text).toContain('name="to"');
    const res = await agent
      .post(`/app/surveys/${id}/test-send`)
      .type('form')
      .send({ _csrf: csrf, channel: 'sms', to: '+33612340077', locale: 'fr' })
      .expect(200);
    const [sms] = app.fakes.twilio.messages;
    expect(sms).toMatchObject({ to: '+33612340077' });
    expect(sms!.body).toMatch(/^\[Test\] Bonjour Alex Martin/);
    expect(sms!.body).toContain(`${TEST_PUBLIC_URL}/s/test-message`);
    expect(res.text).toContain('role="status"');
    expect(res.text).toContain('[Test] Bonjour Alex Martin');
    expect(await invitations(ws)).toBe(0);
  });

  it('when the number is not valid, then 400 with the error next to the field, in the reader’s language, and nothing is sent', async () => {
    const { ws, agent, csrf } = await signedIn('manager', 'fr');
    const id = await npsId(ws);
    const res = await agent
      .post(`/app/surveys/${id}/test-send`)
      .type('form')
      .send({ _csrf: csrf, channel: 'sms', to: '0612', locale: 'fr' })
      .expect(400);
    expect(res.text).toContain('id="test-to-error"');
    expect(res.text).toContain('Saisissez un numéro valide au format international');
    expect(res.text).toContain('value="0612"');
    expect(app.fakes.twilio.messages).toHaveLength(0);
  });

  it('when an agent asks, or the form has no CSRF token, then nothing is sent', async () => {
    const manager = await signedIn('manager');
    const id = await npsId(manager.ws);
    await manager.agent
      .post(`/app/surveys/${id}/test-send`)
      .type('form')
      .send({ channel: 'sms', to: '+33612340078' })
      .expect(403);
    const agent = await signedIn('agent');
    await agent.agent
      .get(`/app/surveys/${await npsId(agent.ws)}/test-send`)
      .set('Accept', 'text/html')
      .expect(403);
    // Another workspace's survey is not found, not sent.
    await agent.agent.get(`/app/surveys/${id}/test-send`).set('Accept', 'text/html').expect(403);
    await manager.agent.get(`/app/surveys/${'0'.repeat(24)}/test-send`).expect(404);
    expect(app.fakes.twilio.messages).toHaveLength(0);
    await request(app.ctx.app).get(`/app/surveys/${id}/test-send`).expect(303);
  });
});

import request from 'supertest';
import { Types } from 'mongoose';
import { startMetricsServer } from '../../src/metrics';
import { TEST_PUBLIC_URL, useDeliveryApp } from '../support/delivery-env';
import { signGenericDelivery } from '../support/connectors/generic-signer';
import { signTwilioRequest } from '../support/fake-twilio';
import { createAnyTimeWorkspace, startTestContext } from '../support/harness';
import { parsePrometheusText, valueOf, type Sample } from '../support/prometheus-text';
import { waitFor } from '../support/wait-for';
import { answer } from './landing-helpers';

const TOKEN = 'metrics-token-for-tests-0123456789';
const app = useDeliveryApp('metrics', { workers: true, env: { METRICS_TOKEN: TOKEN } });

async function scrape(): Promise<{ text: string; samples: Sample[] }> {
  const res = await request(app.ctx.app)
    .get('/metrics')
    .set('Authorization', `Bearer ${TOKEN}`)
    .expect(200);
  expect(res.type).toBe('text/plain');
  return { text: res.text, samples: parsePrometheusText(res.text) };
}

let seq = 0;
async function sendSmsSurvey() {
  const ws = await createAnyTimeWorkspace(app.ctx, 'Acme');
  seq += 1;
  const res = await request(app.ctx.app)
    .post('/api/v1/interactions')
    .set(ws.auth)
    .send({
      id: `metrics-${seq}`,
      type: 'ticket.solved',
      customer: { id: `c-${seq}`, phone: `+3361234${String(5000 + seq)}`, locale: 'en' },
      survey: { type: 'nps', channels: ['sms'] },
    })
    .expect(202);
  const inv = res.body.invitations[0] as { id: string; url: string };
  const invitations = app.ctx.container.mongo.collection('invitations');
  await waitFor(
    async () => (await invitations.findOne({ _id: new Types.ObjectId(inv.id) }))?.status === 'sent',
    'the SMS to be sent',
  );
  const path = new URL(inv.url).pathname;
  return { id: inv.id, path, token: path.split('/')[2]! };
}

describe('GET /metrics on the app', () => {
  it('without METRICS_TOKEN (and no METRICS_PORT), then there is no /metrics: 404', async () => {
    const off = await startTestContext('metrics-off');
    try {
      await request(off.app).get('/metrics').expect(404);
      await request(off.app).get('/metrics').set('Authorization', `Bearer ${TOKEN}`).expect(404);
    } finally {
      await off.close();
    }
  });

  it('without the token, or with another one, then 401 problem+json and no metrics', async () => {
    for (const auth of [undefined, 'Bearer wrong-token', `Bearer ${TOKEN}x`, TOKEN]) {
      const req = request(app.ctx.app).get('/metrics');
      const res = await (auth ? req.set('Authorization', auth) : req).expect(401);
      expect(res.type).toBe('application/problem+json');
      expect(res.get('WWW-Authenticate')).toMatch(/^Bearer/);
      expect(res.text).not.toContain('retour_');
    }
  });

  it('when an SMS survey is sent through Twilio and answered on the web, then the counters moved and no label holds the link token', async () => {
    const before = (await scrape()).samples;
    const inv = await sendSmsSurvey();
    await answer(app.ctx, inv, { score: '9' }, 303);
    const { text, samples } = await scrape();

    const moved = (name: string, labels: Record<string, string>) =>
      valueOf(samples, name, labels) - valueOf(before, name, labels);
    expect(moved('retour_invitations_total', { channel: 'sms', status: 'sent' })).toBe(1);
    expect(moved('retour_responses_total', { survey_type: 'nps', channel: 'web' })).toBe(1);
    const landingPosts = {
      route: '/s/:token',
      method: 'POST',
      status_code: '303',
    };
    expect(moved('retour_http_request_duration_seconds_count', landingPosts)).toBe(1);
    expect(
      valueOf(samples, 'retour_http_request_duration_seconds_count', {
        route: '/api/v1/interactions',
        method: 'POST',
        status_code: '202',
      }),
    ).toBeGreaterThanOrEqual(1);
    // The sending job was timed.
    expect(
      moved('retour_job_duration_seconds_count', { queue: 'dispatch-sms', outcome: 'completed' }),
    ).toBeGreaterThanOrEqual(1);
    // No label anywhere carries the token or the invitation id: templates only.
    for (const s of samples) {
      for (const value of Object.values(s.labels)) {
        expect(value).not.toContain(inv.token);
        expect(value).not.toContain(inv.id);
      }
    }
    expect(text).not.toContain(inv.token);

    // A promoter: the default rule's thank-you message goes out through the messages worker.
    const thanked = { kind: 'send_message', outcome: 'done' };
    await waitFor(
      async () => valueOf((await scrape()).samples, 'retour_rule_actions_total', thanked) === 1,
      'the thank-you rule action to be counted',
    );
  });

  it('then every queue has its depth per state, and the process metrics are there', async () => {
    const { samples } = await scrape();
    expect(valueOf(samples, 'retour_queue_counts_up')).toBe(1);
    for (const queue of ['dispatch-sms', 'dispatch-email', 'responses', 'connectors']) {
      for (const state of ['waiting', 'active', 'delayed', 'failed']) {
        const found = samples.filter(
          (s) =>
            s.name === 'retour_queue_jobs' && s.labels.queue === queue && s.labels.state === state,
        );
        expect(found).toHaveLength(1);
      }
    }
    // The answered survey's expiry job waits, delayed, on its queue (counts are cached ~5 s).
    await waitFor(
      async () =>
        valueOf((await scrape()).samples, 'retour_queue_jobs', {
          queue: 'expiry',
          state: 'delayed',
        }) === 1,
      'the expiry job in the delayed count',
    );
    expect(samples.some((s) => s.name === 'process_cpu_user_seconds_total')).toBe(true);
    expect(samples.some((s) => s.name === 'nodejs_eventloop_lag_seconds')).toBe(true);
  });

  it('when Twilio webhooks come in unsigned, signed, and again, then rejected_signature, accepted and duplicate are counted', async () => {
    const inv = await sendSmsSurvey();
    const sid = (
      await app.ctx.container.mongo
        .collection('invitations')
        .findOne({ _id: new Types.ObjectId(inv.id) })
    )?.providerId as string;
    const path = '/webhooks/twilio/status';
    const params = { MessageSid: sid, MessageStatus: 'delivered' };
    const before = (await scrape()).samples;
    await request(app.ctx.app).post(path).type('form').send(params).expect(403);
    const signature = signTwilioRequest(
      app.fakes.twilio.authToken,
      `${TEST_PUBLIC_URL}${path}`,
      params,
    );
    for (let i = 0; i < 2; i++) {
      await request(app.ctx.app)
        .post(path)
        .type('form')
        .set('X-Twilio-Signature', signature)
        .send(params)
        .expect(200);
    }
    const { samples } = await scrape();
    const moved = (outcome: string) =>
      valueOf(samples, 'retour_inbound_webhooks_total', { source: 'twilio_status', outcome }) -
      valueOf(before, 'retour_inbound_webhooks_total', { source: 'twilio_status', outcome });
    expect([moved('rejected_signature'), moved('accepted'), moved('duplicate')]).toEqual([1, 1, 1]);
  });

  it('when connector deliveries come in unsigned, signed, and again, then they are counted by provider and outcome', async () => {
    const ws = await createAnyTimeWorkspace(app.ctx, 'Acme');
    const created = await request(app.ctx.app)
      .post('/api/v1/connectors')
      .set(ws.auth)
      .send({
        provider: 'generic',
        name: 'CRM',
        mapping: { id: 'ticket.id', 'customer.email': 'ticket.email' },
        survey: { type: 'nps', channels: ['email'] },
      })
      .expect(201);
    const url = `/webhooks/connectors/${created.body.id as string}`;
    const body = JSON.stringify({ ticket: { id: 7, email: 'alice@example.com' } });
    const before = (await scrape()).samples;
    await request(app.ctx.app)
      .post(url)
      .set('Content-Type', 'application/json')
      .send(body)
      .expect(401);
    const signed = signGenericDelivery(created.body.secret as string, body, { deliveryId: 'd-1' });
    await request(app.ctx.app).post(url).set(signed).send(body).expect(202);
    await request(app.ctx.app).post(url).set(signed).send(body).expect(200, { duplicate: true });
    await request(app.ctx.app)
      .post(`/webhooks/connectors/${String(new Types.ObjectId())}`)
      .send(body)
      .expect(404);

    const { samples } = await scrape();
    const moved = (source: string, outcome: string) =>
      valueOf(samples, 'retour_inbound_webhooks_total', { source, outcome }) -
      valueOf(before, 'retour_inbound_webhooks_total', { source, outcome });
    expect([
      moved('connector_generic', 'rejected_signature'),
      moved('connector_generic', 'accepted'),
      moved('connector_generic', 'duplicate'),
      moved('connector', 'not_found'),
    ]).toEqual([1, 1, 1, 1]);
  });
});

describe('METRICS_PORT', () => {
  it('serves the same registry without a token, on the given host only, and nothing else', async () => {
    const server = await startMetricsServer(app.ctx.container.metrics.registry, 0, '127.0.0.1');
    try {
      expect(server.server.address()).toMatchObject({ address: '127.0.0.1' });
      const base = `http://127.0.0.1:${server.port}`;
      const res = await request(base).get('/metrics').expect(200);
      expect(res.get('Content-Type')).toMatch(/^text\/plain; version=0\.0\.4/);
      const samples = parsePrometheusText(res.text);
      expect(samples.some((s) => s.name === 'retour_queue_jobs')).toBe(true);
      expect(samples.some((s) => s.name === 'retour_http_request_duration_seconds_count')).toBe(
        true,
      );
      await request(base).get('/').expect(404);
      await request(base).post('/metrics').expect(404);
    } finally {
      await server.close();
    }
  });
});

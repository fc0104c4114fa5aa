import request from 'supertest';
import { triggerModel, type TriggerDoc } from '../../src/triggers/trigger.model';
import {
  createTestWorkspace,
  startTestContext,
  type TestContext,
  type TestWorkspace,
} from '../support/harness';
import { createUser, csrfFrom, FAST_HASHING, nextIp, signIn } from './auth-helpers';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await startTestContext('trigger-pages', FAST_HASHING);
});
afterAll(() => ctx.close());

const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

async function workspace() {
  const ws = await createTestWorkspace(ctx);
  const manager = await createUser(ctx, ws, { role: 'manager' });
  const asManager = await signIn(ctx, manager.email, undefined, nextIp());
  const [survey] = await ctx.container.services.surveys.list(ws.workspaceId);
  return { ws, asManager, surveyId: survey!.id };
}

const triggersOf = (ws: TestWorkspace) =>
  triggerModel(ctx.container.mongo).find({ workspaceId: ws.workspaceId }).lean<TriggerDoc[]>();

function triggerForm(csrf: string, surveyId: string, extra: Record<string, string> = {}) {
  return {
    _csrf: csrf,
    name: 'Solved tickets',
    eventType: 'ticket.solved',
    surveyId,
    'channels[0]': 'whatsapp',
    'channels[1]': 'email',
    'channels[2]': '',
    delayAmount: '2',
    delayUnit: 'hours',
    samplingRate: '50',
    active: 'on',
    'conditions[join]': 'any',
    'conditions[0][field]': 'team',
    'conditions[0][op]': 'eq',
    'conditions[0][value]': 'Support',
    'conditions[1][join]': 'all',
    'conditions[1][0][field]': 'attributes.tier',
    'conditions[1][0][op]': 'in',
    'conditions[1][0][value]': 'gold, platinum',
    ...extra,
  };
}

describe('trigger pages', () => {
  it('when signed out or an agent, then sign-in or a 403 page answers', async () => {
    const res = await request(ctx.app).get('/app/triggers').expect(303);
    expect(res.headers.location).toBe('/login?next=%2Fapp%2Ftriggers');
    const ws = await createTestWorkspace(ctx);
    const agent = await createUser(ctx, ws, { role: 'agent' });
    const asAgent = await signIn(ctx, agent.email, undefined, nextIp());
    await asAgent.agent.get('/app/triggers').expect(403);
    await asAgent.agent.get('/app/triggers/new').expect(403);
    const [survey] = await ctx.container.services.surveys.list(ws.workspaceId);
    await asAgent.agent
      .post('/app/triggers/new')
      .type('form')
      .send(triggerForm(asAgent.csrf, survey!.id))
      .expect(403);
    expect(await triggersOf(ws)).toHaveLength(0);
  });

  it('when a manager creates a trigger, then it is stored as the API would and listed', async () => {
    const { ws, asManager, surveyId } = await workspace();
    const page = await asManager.agent.get('/app/triggers/new').expect(200);
    const res = await asManager.agent
      .post('/app/triggers/new')
      .type('form')
      .send(triggerForm(csrfFrom(page.text), surveyId))
      .expect(303);
    expect(res.headers.location).toBe('/app/triggers?done=created');
    const [stored] = await triggersOf(ws);
    expect(stored).toMatchObject({
      name: 'Solved tickets',
      eventType: 'ticket.solved',
      channels: ['whatsapp', 'email'],
      delayMs: 2 * 3600_000,
      samplingRate: 50,
      active: true,
      conditions: {
        any: [
          { field: 'team', op: 'eq', value: 'Support' },
          { all: [{ field: 'attributes.tier', op: 'in', value: ['gold', 'platinum'] }] },
        ],
      },
    });
    expect(String(stored!.surveyId)).toBe(surveyId);
    const list = text((await asManager.agent.get('/app/triggers?done=created').expect(200)).text);
    expect(list).toContain('Trigger created.');
    expect(list).toContain('WhatsApp → Email');
    expect(list).toContain('2 hours');
    expect(list).toContain('Team is Support or Attribute tier is one of gold, platinum');

    const fr = text(
      (await asManager.agent.get('/app/triggers').set('Accept-Language', 'fr').expect(200)).text,
    );
    expect(fr).toContain('Déclencheurs');
    expect(fr).toContain('2 heures');
  });

  it('when fields are wrong, then the form answers 400 with errors next to them and saves nothing', async () => {
    const { ws, asManager, surveyId } = await workspace();
    const res = await asManager.agent
      .post('/app/triggers/new')
      .type('form')
      .send(
        triggerForm(asManager.csrf, surveyId, {
          name: '',
          'channels[1]': 'whatsapp',
          delayAmount: 'soon',
          samplingRate: '150',
          'conditions[0][field]': 'nonsense.field',
        }),
      )
      .expect(400);
    expect(res.text).toContain('id="t-name-err"');
    expect(res.text).toMatch(/id="t-channels-err">Choose at least one channel, each at most once/);
    expect(res.text).toMatch(/id="t-delay-err">Give a whole number/);
    expect(res.text).toMatch(/id="t-sampling-err">Give a percentage/);
    expect(res.text).toMatch(/id="conditions-p-0-field-err">Choose a field/);
    expect(res.text).toContain('value="soon"');
    expect(await triggersOf(ws)).toHaveLength(0);
  });

  it('when the survey is another workspace’s, then the survey field says so and nothing is saved', async () => {
    const { ws, asManager } = await workspace();
    const other = await createTestWorkspace(ctx);
    const [foreign] = await ctx.container.services.surveys.list(other.workspaceId);
    const res = await asManager.agent
      .post('/app/triggers/new')
      .type('form')
      .send(triggerForm(asManager.csrf, foreign!.id))
      .expect(400);
    expect(res.text).toMatch(/id="t-survey-err">Choose a survey of this workspace/);
    expect(await triggersOf(ws)).toHaveLength(0);
  });

  it('when the builder buttons are pressed, then the form comes back with the typing kept', async () => {
    const { ws, asManager, surveyId } = await workspace();
    const res = await asManager.agent
      .post('/app/triggers/new')
      .type('form')
      .send({ ...triggerForm(asManager.csrf, surveyId, { name: 'Kept' }), do: 'add-condition:1' })
      .expect(200);
    expect(res.text).toContain('value="Kept"');
    expect(res.text).toContain('name="conditions[1][1][field]"');
    expect(res.text).toContain('<option value="whatsapp" selected>');
    expect(await triggersOf(ws)).toHaveLength(0);
  });

  it('when a trigger is edited and deactivated, then the stored trigger follows', async () => {
    const { ws, asManager, surveyId } = await workspace();
    const created = await ctx.container.services.triggers.create(ws.workspaceId, {
      name: 'Orders',
      eventType: 'order.delivered',
      surveyId,
      channels: ['sms'],
      delay: 3 * 86_400_000,
      samplingRate: 100,
    });
    const page = await asManager.agent.get(`/app/triggers/${created.id}`).expect(200);
    expect(page.text).toContain('value="order.delivered"');
    expect(page.text).toContain('<option value="days" selected>');
    expect(page.text).toContain('name="delayAmount" value="3"');
    await asManager.agent
      .post(`/app/triggers/${created.id}`)
      .type('form')
      .send(
        triggerForm(csrfFrom(page.text), surveyId, {
          name: 'Orders renamed',
          delayAmount: '',
          'conditions[0][field]': '',
          'conditions[join]': 'all',
        }),
      )
      .expect(400);
    await asManager.agent
      .post(`/app/triggers/${created.id}`)
      .type('form')
      .send({
        _csrf: asManager.csrf,
        name: 'Orders renamed',
        eventType: 'order.delivered',
        surveyId,
        'channels[0]': 'email',
        delayAmount: '',
        delayUnit: 'minutes',
        samplingRate: '10',
        active: 'on',
      })
      .expect(303);
    let stored = (await triggersOf(ws))[0]!;
    expect(stored).toMatchObject({
      name: 'Orders renamed',
      channels: ['email'],
      delayMs: 0,
      samplingRate: 10,
      conditions: null,
    });
    await asManager.agent
      .post(`/app/triggers/${created.id}/active`)
      .type('form')
      .send({ _csrf: asManager.csrf, active: 'false' })
      .expect(303)
      .expect('Location', `/app/triggers?done=deactivated#trigger-${created.id}`);
    stored = (await triggersOf(ws))[0]!;
    expect(stored.active).toBe(false);
    await asManager.agent
      .post(`/app/triggers/${created.id}/active`)
      .type('form')
      .send({ active: 'true' })
      .expect(403);
    expect((await triggersOf(ws))[0]!.active).toBe(false);
  });

  it('when another workspace’s trigger is asked for, then it is not found', async () => {
    const other = await createTestWorkspace(ctx);
    const [survey] = await ctx.container.services.surveys.list(other.workspaceId);
    const foreign = await ctx.container.services.triggers.create(other.workspaceId, {
      name: 'Theirs',
      eventType: 'x',
      surveyId: survey!.id,
      channels: ['sms'],
    });
    const { asManager } = await workspace();
    await asManager.agent.get(`/app/triggers/${foreign.id}`).expect(404);
    await asManager.agent
      .post(`/app/triggers/${foreign.id}/active`)
      .type('form')
      .send({ _csrf: asManager.csrf, active: 'false' })
      .expect(404);
  });

  it('when the workspace has posted interactions, then the pickers offer their types and attributes', async () => {
    const { ws, asManager } = await workspace();
    await request(ctx.app)
      .post('/api/v1/interactions')
      .set(ws.auth)
      .send({
        id: 'i-1',
        type: 'chat.closed',
        customer: { id: 'c-1', email: 'c1@example.com' },
        attributes: { plan: 'pro' },
      })
      .expect((r) => expect([200, 201, 202]).toContain(r.status));
    const res = await asManager.agent.get('/app/triggers/new').expect(200);
    expect(res.text).toContain('<option value="chat.closed"></option>');
    // A new trigger has no condition rows: the first "add condition" shows the picker.
    const added = await asManager.agent
      .post('/app/triggers/new')
      .type('form')
      .send({ _csrf: asManager.csrf, name: 'x', do: 'add-condition:' })
      .expect(200);
    expect(added.text).toContain('<option value="attributes.plan">');
  });
});

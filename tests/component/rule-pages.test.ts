import { actionLogModel } from '../../src/rules/action-log.model';
import { ruleModel, type RuleDoc } from '../../src/rules/rule.model';
import { taskModel } from '../../src/tasks/task.model';
import { QUEUE_NAMES } from '../../src/shared/queues';
import {
  createTestWorkspace,
  startTestContext,
  type TestContext,
  type TestWorkspace,
} from '../support/harness';
import { createUser, csrfFrom, FAST_HASHING, nextIp, signIn } from './auth-helpers';
import { collectionHashes } from './db-snapshot';
import { storedResponse } from './rules-helpers';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await startTestContext('rule-pages', FAST_HASHING);
});
afterAll(() => ctx.close());

const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/\s+/g, ' ');

async function workspace() {
  const ws = await createTestWorkspace(ctx);
  const manager = await createUser(ctx, ws, { role: 'manager', name: 'Maud' });
  const agent = await createUser(ctx, ws, { role: 'agent' });
  const admin = await createUser(ctx, ws, { role: 'admin' });
  const asManager = await signIn(ctx, manager.email, undefined, nextIp());
  return { ws, manager, agent, admin, asManager };
}

/** A rule form body: "score at most 6 and (team is Sales or region is FR)", one task. */
function nestedRuleForm(csrf: string, extra: Record<string, string> = {}) {
  return {
    _csrf: csrf,
    name: 'Unhappy Sales or France',
    active: 'on',
    'conditions[join]': 'all',
    'conditions[0][field]': 'score',
    'conditions[0][op]': 'lte',
    'conditions[0][value]': '6',
    'conditions[1][join]': 'any',
    'conditions[1][0][field]': 'team',
    'conditions[1][0][op]': 'eq',
    'conditions[1][0][value]': 'Sales',
    'conditions[1][1][field]': 'region',
    'conditions[1][1][op]': 'in',
    'conditions[1][1][value]': 'FR, BE',
    'actions[0][kind]': 'task',
    'actions[0][strategy]': 'interaction_agent',
    'actions[0][priority]': 'high',
    'actions[0][slaHours]': '8',
    'actions[1][kind]': 'tag',
    'actions[1][tags]': 'vip, callback',
    ...extra,
  };
}

const rulesOf = (ws: TestWorkspace) =>
  ruleModel(ctx.container.mongo).find({ workspaceId: ws.workspaceId }).lean<RuleDoc[]>();

describe('rules pages: access', () => {
  it('when signed out, then the list redirects to sign-in with the page to come back to', async () => {
    const res = await (await import('supertest')).default(ctx.app).get('/app/rules').expect(303);
    expect(res.headers.location).toBe('/login?next=%2Fapp%2Frules');
  });

  it('when an agent opens the rules, then a 403 page answers and nothing changes on a post', async () => {
    const { ws, agent } = await workspace();
    const asAgent = await signIn(ctx, agent.email, undefined, nextIp());
    const res = await asAgent.agent.get('/app/rules').expect(403);
    expect(res.text).toContain('Not allowed');
    await asAgent.agent.get('/app/rules/new').expect(403);
    const before = (await rulesOf(ws)).length;
    await asAgent.agent
      .post('/app/rules/new')
      .type('form')
      .send(nestedRuleForm(asAgent.csrf))
      .expect(403);
    expect((await rulesOf(ws)).length).toBe(before);
  });

  it('when an admin opens the rules, then the list shows the default rules in order', async () => {
    const { admin } = await workspace();
    const asAdmin = await signIn(ctx, admin.email, undefined, nextIp());
    const res = await asAdmin.agent.get('/app/rules').expect(200);
    const body = text(res.text);
    expect(body.indexOf('NPS detractor')).toBeLessThan(body.indexOf('CSAT 1–2'));
    expect(res.headers['content-security-policy']).toMatch(/script-src 'self'/);
    expect(res.text).not.toMatch(/<script/i);
  });

  it('when a form has no CSRF token, then it is refused and nothing is saved', async () => {
    const { ws, asManager } = await workspace();
    const before = (await rulesOf(ws)).length;
    await asManager.agent
      .post('/app/rules/new')
      .type('form')
      .send({ ...nestedRuleForm(''), _csrf: 'wrong' })
      .expect(403);
    expect((await rulesOf(ws)).length).toBe(before);
  });
});

describe('rules pages: the editor', () => {
  it('when a manager saves a nested rule, then it is stored as all/any groups at the end of the list', async () => {
    const { ws, asManager } = await workspace();
    const form = await asManager.agent.get('/app/rules/new').expect(200);
    const res = await asManager.agent
      .post('/app/rules/new')
      .type('form')
      .send(nestedRuleForm(csrfFrom(form.text)))
      .expect(303);
    expect(res.headers.location).toBe('/app/rules?done=created');
    const rules = await rulesOf(ws);
    const saved = rules.find((r) => r.name === 'Unhappy Sales or France')!;
    expect(saved.conditions).toEqual({
      all: [
        { field: 'score', op: 'lte', value: 6 },
        {
          any: [
            { field: 'team', op: 'eq', value: 'Sales' },
            { field: 'region', op: 'in', value: ['FR', 'BE'] },
          ],
        },
      ],
    });
    expect(saved.actions).toEqual([
      {
        type: 'create_task',
        assign: { strategy: 'interaction_agent' },
        priority: 'high',
        sla: { businessHours: 8 },
      },
      { type: 'tag', tags: ['vip', 'callback'] },
    ]);
    expect(saved.priority).toBeGreaterThan(
      Math.max(...rules.filter((r) => r !== saved).map((r) => r.priority)),
    );
    expect(saved.active).toBe(true);
    expect(saved.stop).toBe(false);
    const list = await asManager.agent.get('/app/rules?done=created').expect(200);
    expect(text(list.text)).toContain(
      'Score is at most 6 and (Team is Sales or Region is one of FR, BE)',
    );
  });

  it('when the same new-rule form is posted twice, then one rule is added', async () => {
    const { ws, asManager } = await workspace();
    const before = (await rulesOf(ws)).length;
    const page = await asManager.agent.get('/app/rules/new').expect(200);
    const createKey = /name="createKey" value="([^"]+)"/.exec(page.text)![1]!;
    // The key survives a builder button, so the final post still carries it.
    const edited = await asManager.agent
      .post('/app/rules/new')
      .type('form')
      .send({ ...nestedRuleForm(asManager.csrf), createKey, do: 'add-condition:' })
      .expect(200);
    expect(edited.text).toContain(`name="createKey" value="${createKey}"`);
    const post = () =>
      asManager.agent
        .post('/app/rules/new')
        .type('form')
        .send({ ...nestedRuleForm(asManager.csrf), createKey })
        .expect(303);
    await Promise.all([post(), post()]);
    await post();
    const rules = await rulesOf(ws);
    expect(rules).toHaveLength(before + 1);
    expect(rules.filter((r) => r.name === 'Unhappy Sales or France')).toHaveLength(1);
  });

  it('when the builder buttons are pressed, then the form comes back with the row added or removed and the typing kept', async () => {
    const { ws, asManager } = await workspace();
    const before = (await rulesOf(ws)).length;
    const body = nestedRuleForm(asManager.csrf, { name: 'Kept name' });
    const added = await asManager.agent
      .post('/app/rules/new')
      .type('form')
      .send({ ...body, do: 'add-condition:1' })
      .expect(200);
    expect(added.text).toContain('value="Kept name"');
    expect(added.text).toContain('name="conditions[1][2][field]"');
    expect(added.text).toContain('value="FR, BE"');
    // Each button posts to its group's anchor, so the new page opens where the user was.
    expect(added.text).toContain(
      'value="add-condition:1" formaction="/app/rules/new#conditions-g-1"',
    );
    expect(added.text).toContain('value="try" class="quiet" formaction="/app/rules/new#dry-run"');

    const grouped = await asManager.agent
      .post('/app/rules/new')
      .type('form')
      .send({ ...body, do: 'add-group:1' })
      .expect(200);
    expect(grouped.text).toContain('name="conditions[1][2][join]"');
    expect(grouped.text).toContain('name="conditions[1][2][0][field]"');

    const removed = await asManager.agent
      .post('/app/rules/new')
      .type('form')
      .send({ ...body, do: 'remove:1.0' })
      .expect(200);
    // The region row moves up to index 0 of the group; Sales is gone.
    expect(removed.text).not.toContain('value="Sales"');
    expect(removed.text).toMatch(/name="conditions\[1\]\[0\]\[value\]" value="FR, BE"/);
    expect(removed.text).not.toContain('name="conditions[1][1][field]"');

    const action = await asManager.agent
      .post('/app/rules/new')
      .type('form')
      .send({ ...body, do: 'add-action:webhook' })
      .expect(200);
    expect(action.text).toContain('name="actions[2][url]"');
    const noTag = await asManager.agent
      .post('/app/rules/new')
      .type('form')
      .send({ ...body, do: 'remove-action:1' })
      .expect(200);
    expect(noTag.text).not.toContain('name="actions[1][tags]"');
    expect((await rulesOf(ws)).length).toBe(before);
  });

  it('when fields are wrong, then the form answers 400 with each error next to its control and saves nothing', async () => {
    const { ws, asManager } = await workspace();
    const before = (await rulesOf(ws)).length;
    const res = await asManager.agent
      .post('/app/rules/new')
      .type('form')
      .send(
        nestedRuleForm(asManager.csrf, {
          name: '',
          'conditions[0][value]': 'lots',
          'conditions[1][1][field]': '',
          'actions[0][strategy]': 'user',
          'actions[1][tags]': '',
        }),
      )
      .expect(400);
    expect(res.text).toContain('id="rule-name-err"');
    expect(res.text).toMatch(/id="conditions-p-0-value-err">Give a number or a date/);
    expect(res.text).toMatch(/id="conditions-p-1-1-field-err">Choose a field/);
    expect(res.text).toMatch(/id="a0-user-err">Choose the person/);
    expect(res.text).toMatch(/id="a1-tags-err">Give at least one tag/);
    expect(res.text).toContain('value="lots"');
    expect((await rulesOf(ws)).length).toBe(before);

    const fr = await asManager.agent
      .post('/app/rules/new')
      .set('Accept-Language', 'fr')
      .type('form')
      .send(nestedRuleForm(asManager.csrf, { name: '' }))
      .expect(400);
    expect(fr.text).toContain('Donnez un nom à la règle');
  });

  it('when a webhook points to a private address, then the URL field says so and nothing is saved', async () => {
    const { ws, asManager } = await workspace();
    const before = (await rulesOf(ws)).length;
    const res = await asManager.agent
      .post('/app/rules/new')
      .type('form')
      .send(
        nestedRuleForm(asManager.csrf, {
          'actions[2][kind]': 'webhook',
          'actions[2][url]': 'http://169.254.169.254/latest',
          'actions[2][secret]': 'a-long-enough-secret',
        }),
      )
      .expect(400);
    expect(res.text).toMatch(/id="a2-url-err">Give a public http\(s\) address/);
    expect((await rulesOf(ws)).length).toBe(before);
  });

  it('when a rule is edited, then the page shows it as stored and saving keeps its webhook secret', async () => {
    const { ws, asManager } = await workspace();
    const created = await ctx.container.services.rules.create(ws.workspaceId, {
      name: 'Hook',
      priority: 500,
      active: true,
      stop: true,
      conditions: { any: [{ field: 'attributes.plan', op: 'eq', value: 'gold' }] },
      actions: [
        {
          type: 'notify',
          webhook: { url: 'https://hooks.example.com/x', secret: 'keep-this-secret-123' },
        },
      ],
    });
    const page = await asManager.agent.get(`/app/rules/${created.id}`).expect(200);
    expect(page.text).toContain('<option value="any" selected>');
    expect(page.text).toContain('<option value="attributes.plan" selected>');
    expect(page.text).toContain('value="https://hooks.example.com/x"');
    expect(page.text).not.toContain('keep-this-secret-123');
    await asManager.agent
      .post(`/app/rules/${created.id}`)
      .type('form')
      .send({
        _csrf: csrfFrom(page.text),
        name: 'Hook renamed',
        stop: 'on',
        'conditions[join]': 'any',
        'conditions[0][field]': 'attributes.plan',
        'conditions[0][op]': 'eq',
        'conditions[0][value]': 'gold',
        'actions[0][kind]': 'webhook',
        'actions[0][url]': 'https://hooks.example.com/x',
        'actions[0][secret]': '',
      })
      .expect(303);
    const stored = await ruleModel(ctx.container.mongo).findById(created.id).lean<RuleDoc>();
    expect(stored!.name).toBe('Hook renamed');
    expect(stored!.priority).toBe(500);
    expect(stored!.active).toBe(false);
    expect(stored!.actions).toEqual([
      {
        type: 'notify',
        webhook: { url: 'https://hooks.example.com/x', secret: 'keep-this-secret-123' },
      },
    ]);
  });

  it('when a stored message has a text in another language, then the editor shows it to keep', async () => {
    const { ws, asManager } = await workspace();
    const created = await ctx.container.services.rules.create(ws.workspaceId, {
      name: 'Thanks',
      priority: 600,
      active: true,
      stop: false,
      conditions: null,
      // Stored through the API, which takes texts per any locale.
      actions: [{ type: 'send_message', text: { en: 'Thanks', es: 'Gracias' } } as never],
    });
    const page = await asManager.agent.get(`/app/rules/${created.id}`).expect(200);
    expect(page.text).toMatch(/<label for="a0-text-es">Text in es<\/label>/);
    expect(page.text).toContain('name="actions[0][text:es]" rows="3" maxlength="1600">Gracias<');
  });

  it('when another workspace’s rule is asked for, then it is not found', async () => {
    const other = await createTestWorkspace(ctx);
    const foreign = await ctx.container.services.rules.create(other.workspaceId, {
      name: 'Theirs',
      priority: 1,
      active: true,
      stop: false,
      conditions: null,
      actions: [],
    });
    const { asManager } = await workspace();
    await asManager.agent.get(`/app/rules/${foreign.id}`).expect(404);
    await asManager.agent
      .post(`/app/rules/${foreign.id}/active`)
      .type('form')
      .send({ _csrf: asManager.csrf, active: 'false' })
      .expect(404);
    expect(
      (await ruleModel(ctx.container.mongo).findById(foreign.id).lean<RuleDoc>())!.active,
    ).toBe(true);
  });

  it('when the field picker opens, then it offers the attribute names seen in this workspace only', async () => {
    const { ws, asManager } = await workspace();
    await storedResponse(ctx, ws.workspaceId, {
      segment: { attributes: { plan: 'gold', 'order-id': 'x' } },
      contactAttributes: { tier: 'vip' },
    });
    const other = await createTestWorkspace(ctx);
    await storedResponse(ctx, other.workspaceId, { segment: { attributes: { secretThing: 1 } } });
    const res = await asManager.agent.get('/app/rules/new').expect(200);
    expect(res.text).toContain('<option value="attributes.plan">');
    expect(res.text).toContain('<option value="attributes.order-id">');
    expect(res.text).toContain('<option value="contact.attributes.tier">');
    expect(res.text).toContain('<option value="score">Score</option>');
    expect(res.text).not.toContain('secretThing');
  });
});

describe('rules pages: order and activation', () => {
  it('when a rule is moved up, then it swaps with the one above, and a repeated post changes nothing more', async () => {
    const { ws, asManager } = await workspace();
    const ordered = async () =>
      (await ctx.container.services.rules.list(ws.workspaceId)).map((r) => r.name);
    const [first, second] = await ordered();
    const rules = await ctx.container.services.rules.list(ws.workspaceId);
    const move = () =>
      asManager.agent
        .post(`/app/rules/${rules[1]!.id}/move`)
        .type('form')
        .send({ _csrf: asManager.csrf, direction: 'up', position: '1' });
    const res = await move().expect(303);
    expect(res.headers.location).toBe(`/app/rules?done=moved#rule-${rules[1]!.id}`);
    expect((await ordered()).slice(0, 2)).toEqual([second, first]);
    await move().expect(303);
    expect((await ordered()).slice(0, 2)).toEqual([second, first]);
    const list = await asManager.agent.get('/app/rules?done=moved').expect(200);
    expect(list.text).toContain('Order changed.');
  });

  it('when a rule is deactivated and activated, then its flag follows and the list says so', async () => {
    const { ws, asManager } = await workspace();
    const [rule] = await ctx.container.services.rules.list(ws.workspaceId);
    await asManager.agent
      .post(`/app/rules/${rule!.id}/active`)
      .type('form')
      .send({ _csrf: asManager.csrf, active: 'false' })
      .expect(303);
    expect((await ctx.container.services.rules.get(ws.workspaceId, rule!.id)).active).toBe(false);
    const list = await asManager.agent.get('/app/rules?done=deactivated').expect(200);
    expect(list.text).toContain('Rule deactivated.');
    await asManager.agent
      .post(`/app/rules/${rule!.id}/active`)
      .type('form')
      .send({ _csrf: asManager.csrf, active: 'true' })
      .expect(303);
    expect((await ctx.container.services.rules.get(ws.workspaceId, rule!.id)).active).toBe(true);
  });
});

describe('rules pages: try it', () => {
  async function jobCount() {
    let total = 0;
    for (const name of QUEUE_NAMES) {
      const counts = await ctx.container.queues[name].getJobCounts(
        'waiting',
        'delayed',
        'active',
        'completed',
        'failed',
        'prioritized',
      );
      total += Object.values(counts).reduce((a, b) => a + b, 0);
    }
    return total;
  }

  it('when a manager tries a rule, then the matching answers and their actions are listed and nothing is written', async () => {
    const { ws, asManager } = await workspace();
    const sales = await storedResponse(ctx, ws.workspaceId, {
      score: 2,
      team: 'Sales',
      comment: 'Too slow',
      segment: { agentName: 'Bob' },
    });
    const france = await storedResponse(ctx, ws.workspaceId, {
      score: 5,
      team: 'Support',
      segment: { region: 'FR' },
    });
    const happy = await storedResponse(ctx, ws.workspaceId, { score: 9, team: 'Sales' });
    const elsewhere = await storedResponse(ctx, ws.workspaceId, { score: 1, team: 'Support' });
    const other = await createTestWorkspace(ctx);
    const foreign = await storedResponse(ctx, other.workspaceId, { score: 0, team: 'Sales' });

    const filter = (name: string) =>
      name === 'workspaces' ? { _id: ws.workspaceId } : { workspaceId: ws.workspaceId };
    const snapshot = await collectionHashes(ctx, filter);
    const jobs = await jobCount();

    const res = await asManager.agent
      .post('/app/rules/new')
      .type('form')
      .send({ ...nestedRuleForm(asManager.csrf), do: 'try' })
      .expect(200);
    expect(res.text).toContain(
      'data-testid="dry-run-summary">2 of the last 4 answers would match.',
    );
    expect(res.text).toContain(`data-response="${sales.responseId}"`);
    expect(res.text).toContain(`data-response="${france.responseId}"`);
    expect(res.text).not.toContain(`data-response="${happy.responseId}"`);
    expect(res.text).not.toContain(`data-response="${elsewhere.responseId}"`);
    expect(res.text).not.toContain(`data-response="${foreign.responseId}"`);
    const body = text(res.text);
    expect(body).toContain('Create a high task for Bob, due within 8 business hours');
    expect(body).toContain('Tag the answer: vip, callback');
    // The typed form is still there, ready to save.
    expect(res.text).toContain('value="Unhappy Sales or France"');

    expect(await collectionHashes(ctx, filter)).toEqual(snapshot);
    expect(await jobCount()).toBe(jobs);
    expect(
      await taskModel(ctx.container.mongo).countDocuments({ workspaceId: ws.workspaceId }),
    ).toBe(0);
    expect(
      await actionLogModel(ctx.container.mongo).countDocuments({ workspaceId: ws.workspaceId }),
    ).toBe(0);
  });

  it('when a stopping rule above would match first, then the dry run says the draft is not reached', async () => {
    const { ws, asManager } = await workspace();
    await ctx.container.services.rules.create(ws.workspaceId, {
      name: 'Sales first',
      priority: 0,
      active: true,
      stop: true,
      conditions: { field: 'team', op: 'eq', value: 'Sales' },
      actions: [],
    });
    await storedResponse(ctx, ws.workspaceId, { score: 2, team: 'Sales' });
    const res = await asManager.agent
      .post('/app/rules/new')
      .type('form')
      .send({ ...nestedRuleForm(asManager.csrf), do: 'try' })
      .expect(200);
    expect(text(res.text)).toContain(
      'Not reached today: the rule “Sales first” above stops first.',
    );
  });

  it('when the tried rule is not valid, then the errors show (400) and no dry run is made', async () => {
    const { asManager } = await workspace();
    const res = await asManager.agent
      .post('/app/rules/new')
      .type('form')
      .send({ ...nestedRuleForm(asManager.csrf, { 'conditions[1][1][op]': 'between' }), do: 'try' })
      .expect(400);
    expect(res.text).toMatch(/id="conditions-p-1-1-value-err">Give two numbers or two dates/);
    expect(res.text).not.toContain('dry-run-summary');
  });
});

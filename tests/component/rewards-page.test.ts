import request from 'supertest';
import { rewardCodeModel } from '../../src/rules/reward-codes';
import {
  createTestWorkspace,
  startTestContext,
  type TestContext,
  type TestWorkspace,
} from '../support/harness';
import { createUser, FAST_HASHING, nextIp, signIn } from './auth-helpers';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await startTestContext('rewards-page', FAST_HASHING);
});
afterAll(() => ctx.close());

async function adminOf() {
  const ws = await createTestWorkspace(ctx, 'Acme');
  const admin = await createUser(ctx, ws, { role: 'admin', name: 'Ada Admin' });
  return { ws, ...(await signIn(ctx, admin.email, undefined, nextIp())) };
}

const codesOf = async (ws: TestWorkspace, pool: string) =>
  (await rewardCodeModel(ctx.container.mongo).find({ workspaceId: ws.workspaceId, pool }).lean())
    .map((c) => c.code)
    .sort();

const decoded = (location: string) => decodeURIComponent(location.replace(/\+/g, ' '));

describe('/app/rewards', () => {
  it('when signed out, then sign-in; agents and managers get the 403 page and cannot upload', async () => {
    await request(ctx.app)
      .get('/app/rewards')
      .expect(303)
      .expect('Location', '/login?next=%2Fapp%2Frewards');
    const ws = await createTestWorkspace(ctx);
    for (const role of ['agent', 'manager'] as const) {
      const user = await createUser(ctx, ws, { role });
      const { agent, csrf } = await signIn(ctx, user.email, undefined, nextIp());
      await agent.get('/app/rewards').set('Accept', 'text/html').expect(403);
      await agent
        .post('/app/rewards')
        .set('Accept', 'text/html')
        .field('_csrf', csrf)
        .field('pool', 'thanks')
        .field('codes', 'A\nB')
        .expect(403);
    }
    expect(await codesOf(ws, 'thanks')).toEqual([]);
  });

  it('when an upload lacks the CSRF token (multipart or urlencoded), then 403 and no code is stored', async () => {
    const { ws, agent } = await adminOf();
    await agent
      .post('/app/rewards')
      .set('Accept', 'text/html')
      .field('pool', 'thanks')
      .field('codes', 'A')
      .expect(403);
    await agent
      .post('/app/rewards')
      .set('Accept', 'text/html')
      .type('form')
      .send({ _csrf: 'forged', pool: 'thanks', codes: 'A' })
      .expect(403);
    expect(await codesOf(ws, 'thanks')).toEqual([]);
  });

  it('when an admin creates a pool from pasted codes, then they are stored once each and the duplicates are counted', async () => {
    const { ws, agent, csrf } = await adminOf();
    const page = await agent.get('/app/rewards').expect(200);
    expect(page.text).toContain('No pool yet');
    const res = await agent
      .post('/app/rewards')
      .field('_csrf', csrf)
      .field('pool', 'promoter-coupons')
      .field('codes', 'AAA-1\r\n\r\n  AAA-2 \nAAA-1\nAAA-3\n')
      .expect(303);
    expect(decoded(res.headers.location!)).toBe(
      '/app/rewards?pool=promoter-coupons&added=3&ignored=1#pool-promoter-coupons',
    );
    expect(await codesOf(ws, 'promoter-coupons')).toEqual(['AAA-1', 'AAA-2', 'AAA-3']);
    const after = await agent.get(res.headers.location!).expect(200);
    expect(after.text).toContain('3 codes added to promoter-coupons. 1 duplicate ignored.');
    expect(after.text).toContain('<strong>promoter-coupons</strong>');
    expect(after.text).toContain('3 codes left');
  });

  it('when an admin uploads a CSV file to a pool, then its code column is read, codes already in the pool or repeated are ignored and counted', async () => {
    const { ws, agent, csrf } = await adminOf();
    await ctx.container.services.rules.rewards.add(ws.workspaceId, 'thanks', ['C-1', 'C-2']);
    const csv = [
      'value,code,expires',
      '5 EUR,C-2,2027-01-01',
      '5 EUR,"C-3",2027-01-01',
      '"10 EUR, gift","C-4",2027-01-01',
      '5 EUR,C-3,2027-01-01',
      '',
    ].join('\r\n');
    const res = await agent
      .post('/app/rewards/thanks/codes')
      .field('_csrf', csrf)
      .field('codes', 'C-5')
      .attach('file', Buffer.from(`\uFEFF${csv}`), {
        filename: 'codes.csv',
        contentType: 'text/csv',
      })
      .expect(303);
    expect(decoded(res.headers.location!)).toBe(
      '/app/rewards?pool=thanks&added=3&ignored=2#pool-thanks',
    );
    expect(await codesOf(ws, 'thanks')).toEqual(['C-1', 'C-2', 'C-3', 'C-4', 'C-5']);

    // The same upload again: idempotent, everything counted as a duplicate.
    const again = await agent
      .post('/app/rewards/thanks/codes')
      .field('_csrf', csrf)
      .attach('file', Buffer.from(csv), { filename: 'codes.csv', contentType: 'text/csv' })
      .expect(303);
    expect(decoded(again.headers.location!)).toContain('added=0&ignored=4');
    expect(await codesOf(ws, 'thanks')).toHaveLength(5);
  });

  it('when a pool has fewer than 20 codes or under 10% left, then it is marked low; an empty pool a rule uses is listed as empty', async () => {
    const { ws, agent } = await adminOf();
    const { rewards } = ctx.container.services.rules;
    const codes = (prefix: string, n: number) =>
      Array.from({ length: n }, (_, i) => `${prefix}${i}`);
    await rewards.add(ws.workspaceId, 'big', codes('B', 300));
    await rewards.add(ws.workspaceId, 'small', codes('S', 19));
    await rewards.add(ws.workspaceId, 'plenty', codes('P', 25));
    // 300 codes, 275 handed out: 25 left is more than 20 but under 10% of 300.
    await rewardCodeModel(ctx.container.mongo).updateMany(
      { workspaceId: ws.workspaceId, pool: 'big', code: { $in: codes('B', 275) } },
      { $set: { usedBy: 'action-log-key', usedAt: new Date() } },
    );
    await request(ctx.app)
      .post('/api/v1/rules')
      .set(ws.auth)
      .send({
        name: 'Thank promoters',
        priority: 1,
        conditions: { field: 'score', op: 'gte', value: 9 },
        actions: [{ type: 'send_message', text: 'Code: {{rewardCode}}', rewardPool: 'gone' }],
      })
      .expect(201);

    const page = await agent.get('/app/rewards').expect(200);
    const section = (pool: string) => {
      const start = page.text.indexOf(`<li id="pool-${pool}">`);
      expect(start).toBeGreaterThan(0);
      return page.text.slice(
        start,
        page.text.indexOf('</li>', page.text.indexOf('</form>', start)),
      );
    };
    expect(section('big')).toContain('Running low');
    expect(section('big')).toContain('25 codes left');
    expect(section('big')).toContain('275 handed out');
    expect(section('small')).toContain('Running low');
    expect(section('small')).toContain('add codes before it runs out');
    expect(section('plenty')).toContain('Enough codes');
    expect(section('plenty')).not.toContain('runs out');
    expect(section('gone')).toContain('Empty');
    expect(section('gone')).toContain('a rule that hands out its codes fails');
    expect(section('gone')).toContain('Used by the rules: Thank promoters');
  });

  it('when the pool name is bad, no code is given or a code is too long, then the form comes back at 400 with the error next to the field and nothing is stored', async () => {
    const { ws, agent, csrf } = await adminOf();
    const bad = await agent
      .post('/app/rewards')
      .field('_csrf', csrf)
      .field('pool', 'no spaces!')
      .field('codes', 'X-1')
      .expect(400);
    expect(bad.text).toMatch(/id="pool-err">Enter 1 to 64 letters/);
    expect(bad.text).toContain('value="no spaces!"');
    expect(bad.text).toContain('>X-1</textarea>');

    const none = await agent
      .post('/app/rewards')
      .field('_csrf', csrf)
      .field('pool', 'thanks')
      .field('codes', '  \n ')
      .expect(400);
    expect(none.text).toMatch(/id="codes-err">Paste at least one code or choose a file\./);

    await ctx.container.services.rules.rewards.add(ws.workspaceId, 'thanks', ['T-0']);
    const long = await agent
      .post('/app/rewards/thanks/codes')
      .field('_csrf', csrf)
      .field('codes', `OK-1\n${'x'.repeat(101)}`)
      .expect(400);
    expect(long.text).toMatch(
      /id="codes-thanks-err" role="alert">Codes are at most 100 characters: see line 2\./,
    );
    expect(long.text).toMatch(/<details open>/);

    const binary = await agent
      .post('/app/rewards/thanks/codes')
      .field('_csrf', csrf)
      .attach('file', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0xff]), 'codes.xlsx')
      .expect(400);
    expect(binary.text).toContain('codes.xlsx is not a text or CSV file in UTF-8.');
    expect(await codesOf(ws, 'thanks')).toEqual(['T-0']);

    // A pool that does not exist yet: the errors come back in the new pool's form.
    const unknown = await agent
      .post('/app/rewards/later/codes')
      .field('_csrf', csrf)
      .field('codes', '')
      .expect(400);
    expect(unknown.text).toMatch(/id="codes-err">Paste at least one code/);
    expect(unknown.text).toContain('id="pool" name="pool" value="later"');
    expect(await codesOf(ws, 'later')).toEqual([]);
  });

  it("when another workspace has a pool of the same name, then an admin's page and upload touch only their own", async () => {
    const other = await createTestWorkspace(ctx, 'Other');
    await ctx.container.services.rules.rewards.add(other.workspaceId, 'shared', ['OTHER-1']);
    const { ws, agent, csrf } = await adminOf();
    const empty = await agent.get('/app/rewards').expect(200);
    expect(empty.text).not.toContain('shared');
    await agent
      .post('/app/rewards/shared/codes')
      .field('_csrf', csrf)
      .field('codes', 'OTHER-1\nMINE-1')
      .expect(303);
    expect(await codesOf(ws, 'shared')).toEqual(['MINE-1', 'OTHER-1']);
    expect(await codesOf(other, 'shared')).toEqual(['OTHER-1']);
  });

  it('when the admin reads in French, then the page, notices and warnings are French', async () => {
    const { ws, agent, csrf } = await adminOf();
    await ctx.container.services.rules.rewards.add(ws.workspaceId, 'merci', ['M-1']);
    await agent.post('/locale').type('form').send({ _csrf: csrf, locale: 'fr', next: '/app' });
    const res = await agent
      .post('/app/rewards/merci/codes')
      .field('_csrf', csrf)
      .field('codes', 'M-1\nM-2')
      .expect(303);
    const page = await agent.get(res.headers.location!).expect(200);
    expect(page.text).toContain('Réserves de récompenses');
    expect(page.text).toContain('1 code ajouté à merci. 1 doublon ignoré.');
    expect(page.text).toContain('Presque vide');
  });
});

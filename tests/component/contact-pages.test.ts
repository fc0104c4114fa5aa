import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { addressSuppressionModel } from '../../src/contacts/address-suppression.model';
import { contactModel } from '../../src/contacts/contact.model';
import {
  createTestWorkspace,
  startTestContext,
  type TestContext,
  type TestWorkspace,
} from '../support/harness';
import { createUser, FAST_HASHING, nextIp, signIn } from './auth-helpers';
import { answer, linkInvitation } from './landing-helpers';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await startTestContext('contact-pages', FAST_HASHING);
});
afterAll(() => ctx.close());

let seq = 0;
/** A contact with one interaction, one link invitation and its answer, through the real API. */
async function seededContact(ws: TestWorkspace) {
  seq += 1;
  const person = {
    id: `cust-${seq}-${Date.now()}`,
    name: `Zoé Contact ${seq}`,
    email: `zoe.${seq}.${Date.now()}@example.org`,
    phone: `+336123400${String(seq).padStart(2, '0')}`,
  };
  const inv = await linkInvitation(ctx, ws, {
    extra: { customer: person, agent: { id: 'a-1', name: 'Bruno Agent' }, team: 'Support' },
  });
  await answer(ctx, inv, { score: '3', comment: 'Billed twice wvk' }, 303);
  const contact = await contactModel(ctx.container.mongo)
    .findOne({ workspaceId: ws.workspaceId, externalId: person.id })
    .lean();
  return { person, inv, contactId: String(contact!._id) };
}

async function adminOf(timezone = 'Europe/Paris') {
  const ws = await createTestWorkspace(ctx, 'Acme');
  await ctx.container.services.workspaces.updateSettings(ws.workspaceId, { timezone });
  const admin = await createUser(ctx, ws, { role: 'admin', name: 'Ada Admin' });
  const session = await signIn(ctx, admin.email, undefined, nextIp());
  return { ws, admin, ...session };
}

const contactDoc = (id: string) => contactModel(ctx.container.mongo).findById(id).lean();

describe('/app/contacts access', () => {
  it('when signed out, then sign-in; agents and managers get the 403 page on every contact page and post', async () => {
    await request(ctx.app)
      .get('/app/contacts?q=x')
      .expect(303)
      .expect('Location', '/login?next=%2Fapp%2Fcontacts%3Fq%3Dx');
    const ws = await createTestWorkspace(ctx);
    const { contactId } = await seededContact(ws);
    for (const role of ['agent', 'manager'] as const) {
      const user = await createUser(ctx, ws, { role });
      const { agent, csrf } = await signIn(ctx, user.email, undefined, nextIp());
      await agent.get('/app/contacts').set('Accept', 'text/html').expect(403);
      await agent.get(`/app/contacts/${contactId}`).set('Accept', 'text/html').expect(403);
      for (const path of ['opt-out', 'export', 'erase']) {
        await agent
          .post(`/app/contacts/${contactId}/${path}`)
          .set('Accept', 'text/html')
          .type('form')
          .send({ _csrf: csrf, channel: 'sms', action: 'set', confirm: 'ERASE' })
          .expect(403);
      }
    }
    const doc = await contactDoc(contactId);
    expect(doc).toMatchObject({ optOut: {}, erasedAt: null });
  });

  it("when an admin opens another workspace's contact, then 404 and nothing of it shows", async () => {
    const other = await createTestWorkspace(ctx, 'Other');
    const { contactId, person } = await seededContact(other);
    const { agent, csrf } = await adminOf();
    const res = await agent
      .get(`/app/contacts/${contactId}`)
      .set('Accept', 'text/html')
      .expect(404);
    expect(res.text).not.toContain(person.name);
    await agent
      .post(`/app/contacts/${contactId}/opt-out`)
      .set('Accept', 'text/html')
      .type('form')
      .send({ _csrf: csrf, channel: 'sms', action: 'set' })
      .expect(404);
    expect((await agent.get(`/app/contacts?q=${person.id}`).expect(200)).text).toContain(
      'No contact has exactly this customer id',
    );
    expect((await contactDoc(contactId))?.optOut).toEqual({});
  });
});

describe('contact search', () => {
  it('when an admin searches by customer id, email (any case) or phone as typed, then the contact is found (exact only)', async () => {
    const { ws, agent } = await adminOf();
    const { person, contactId } = await seededContact(ws);
    const spaced = person.phone.replace(/^\+33(\d)(\d\d)(\d\d)(\d\d)(\d\d)$/, '+33 $1 $2 $3 $4 $5');
    for (const q of [
      person.id,
      person.email.toUpperCase(),
      spaced,
      `0033${person.phone.slice(3)}`,
    ]) {
      const res = await agent.get(`/app/contacts?q=${encodeURIComponent(q)}`).expect(200);
      expect(res.text).toContain(`href="/app/contacts/${contactId}"`);
      expect(res.text).toContain('1 contact found');
    }
    const partial = await agent
      .get(`/app/contacts?q=${encodeURIComponent(person.id.slice(0, -2))}`)
      .expect(200);
    expect(partial.text).toContain('No contact has exactly');
  });
});

describe('contact page', () => {
  it("when an admin opens a contact, then its interaction, invitation with status history and answer show, dates in the workspace's time zone", async () => {
    const { ws, agent } = await adminOf('America/New_York');
    const { person, contactId } = await seededContact(ws);
    const page = await agent.get(`/app/contacts/${contactId}`).expect(200);
    expect(page.text).toContain(`<h1>${person.name}</h1>`);
    expect(page.text).toContain(person.email);
    expect(page.text).toContain('ticket_closed');
    expect(page.text).toContain('agent Bruno Agent');
    expect(page.text).toMatch(/<strong>NPS 3<span class="muted">\/10<\/span><\/strong>/);
    expect(page.text).toContain('Billed twice wvk');
    expect(page.text).toMatch(/NPS<\/strong> · Link · Answered/);
    expect(page.text).toMatch(/<li>Scheduled · <time[^]*<li>Opened · <time[^]*<li>Answered · <time/);
    // The answer time as the page shows it is New York time, not UTC.
    const resp = await ctx.container.mongo
      .db!.collection('responses')
      .findOne({ workspaceId: ws.workspaceId });
    const at = resp!.answeredAt as Date;
    const ny = new Intl.DateTimeFormat('en-US', {
      timeZone: 'America/New_York',
      hour: 'numeric',
      minute: '2-digit',
    }).format(at);
    expect(page.text).toContain(ny);
    expect(page.text).toContain('Export (zip)');
    expect(page.text).toContain(`href="/app/contacts/${contactId}/erase"`);
  });
});

describe('opt-out by hand', () => {
  it('when an admin opts a contact out of SMS and later lifts it, then each is stored with who and when, shown, and the lift also drops the address opt-out', async () => {
    const { ws, agent, csrf, admin } = await adminOf();
    const { contactId, person } = await seededContact(ws);
    const before = Date.now();
    await agent
      .post(`/app/contacts/${contactId}/opt-out`)
      .type('form')
      .send({ _csrf: csrf, channel: 'sms', action: 'set' })
      .expect(303)
      .expect('Location', `/app/contacts/${contactId}?done=optedOut`);
    let doc = await contactDoc(contactId);
    expect(doc!.optOut).toMatchObject({ sms: true });
    expect(doc!.optOutHistory).toHaveLength(1);
    expect(doc!.optOutHistory[0]).toMatchObject({
      channel: 'sms',
      optedOut: true,
      source: 'console',
      by: { userId: admin.id, name: 'Ada Admin' },
    });
    expect(doc!.optOutHistory[0]!.at!.getTime()).toBeGreaterThanOrEqual(before - 1000);
    const Suppressions = addressSuppressionModel(ctx.container.mongo);
    expect(
      await Suppressions.findOne({ workspaceId: ws.workspaceId, address: person.phone }).lean(),
    ).toMatchObject({ channels: ['sms'] });

    const page = await agent.get(`/app/contacts/${contactId}?done=optedOut`).expect(200);
    expect(page.text).toContain('Opt-out set.');
    expect(page.text).toContain('Opted out of SMS · by Ada Admin in the console · <time');
    expect(page.text).toContain('Lift the SMS opt-out');

    // Suppression now keeps surveys from going out by SMS.
    const suppressed = await request(ctx.app)
      .post('/api/v1/interactions')
      .set(ws.auth)
      .send({
        id: `after-optout-${Date.now()}`,
        type: 'ticket_closed',
        customer: person,
        survey: { type: 'nps', channels: ['sms'] },
      })
      .expect(202);
    expect(suppressed.body.invitations[0]).toMatchObject({ status: 'suppressed' });

    await agent
      .post(`/app/contacts/${contactId}/opt-out`)
      .type('form')
      .send({ _csrf: csrf, channel: 'sms', action: 'lift' })
      .expect(303)
      .expect('Location', `/app/contacts/${contactId}?done=optedIn`);
    doc = await contactDoc(contactId);
    expect(doc!.optOut).toMatchObject({ sms: false });
    expect(doc!.optOutHistory.map((h) => [h.optedOut, h.by?.name])).toEqual([
      [true, 'Ada Admin'],
      [false, 'Ada Admin'],
    ]);
    expect(
      await Suppressions.findOne({ workspaceId: ws.workspaceId, address: person.phone }).lean(),
    ).toBeNull();
    const lifted = await agent.get(`/app/contacts/${contactId}`).expect(200);
    expect(lifted.text).toContain('Opt-out of SMS lifted · by Ada Admin in the console');
  });

  it('when the post lacks its CSRF token or names an unknown channel, then nothing changes', async () => {
    const { ws, agent, csrf } = await adminOf();
    const { contactId } = await seededContact(ws);
    await agent
      .post(`/app/contacts/${contactId}/opt-out`)
      .set('Accept', 'text/html')
      .type('form')
      .send({ channel: 'sms', action: 'set' })
      .expect(403);
    await agent
      .post(`/app/contacts/${contactId}/opt-out`)
      .set('Accept', 'text/html')
      .type('form')
      .send({ _csrf: csrf, channel: 'pigeon', action: 'set' })
      .expect(400);
    expect((await contactDoc(contactId))!.optOutHistory).toEqual([]);
  });
});

describe('export and erasure', () => {
  it('when an admin exports a contact, then a zip holds the JSON document and one CSV per collection that unzip reads', async () => {
    const { ws, agent, csrf } = await adminOf();
    const { contactId, person } = await seededContact(ws);
    const res = await agent
      .post(`/app/contacts/${contactId}/export`)
      .type('form')
      .send({ _csrf: csrf })
      .buffer(true)
      .parse((response, done) => {
        const chunks: Buffer[] = [];
        response.on('data', (c: Buffer) => chunks.push(c));
        response.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(res.headers['content-type']).toBe('application/zip');
    expect(res.headers['content-disposition']).toMatch(
      new RegExp(`attachment; filename="contact-${contactId}-\\d{4}-\\d\\d-\\d\\d\\.zip"`),
    );
    const dir = mkdtempSync(join(tmpdir(), 'contact-export-'));
    const file = join(dir, 'export.zip');
    writeFileSync(file, res.body as Buffer);
    expect(execFileSync('unzip', ['-t', file]).toString()).toContain('No errors detected');
    const listing = execFileSync('unzip', ['-Z1', file]).toString().trim().split('\n');
    expect(listing).toEqual(
      expect.arrayContaining([
        `contact-${contactId}.json`,
        'contacts.csv',
        'interactions.csv',
        'invitations.csv',
        'responses.csv',
      ]),
    );
    const json = JSON.parse(
      execFileSync('unzip', ['-p', file, `contact-${contactId}.json`]).toString(),
    ) as { contactId: string; collections: Record<string, { _id: string }[]> };
    expect(json.contactId).toBe(contactId);
    expect(json.collections.responses).toHaveLength(1);
    const csv = execFileSync('unzip', ['-p', file, 'responses.csv']).toString();
    const [header, row] = csv.replace(/^\uFEFF/, '').split('\r\n');
    expect(header!.split(',')).toEqual(expect.arrayContaining(['_id', 'score', 'comment']));
    expect(row).toContain('Billed twice wvk');
    const contactsCsv = execFileSync('unzip', ['-p', file, 'contacts.csv']).toString();
    expect(contactsCsv).toContain(person.email);
  });

  it('when erase is posted without typing the confirmation, then 400 and nothing is erased; with it, the counts per collection show', async () => {
    const { ws, agent, csrf } = await adminOf();
    const { contactId, person } = await seededContact(ws);
    const confirm = await agent.get(`/app/contacts/${contactId}/erase`).expect(200);
    expect(confirm.text).toContain('Type ERASE to confirm');
    for (const typed of [undefined, '', 'yes']) {
      const refused = await agent
        .post(`/app/contacts/${contactId}/erase`)
        .type('form')
        .send({ _csrf: csrf, ...(typed === undefined ? {} : { confirm: typed }) })
        .expect(400);
      expect(refused.text).toContain('nothing was erased');
    }
    expect(await contactDoc(contactId)).toMatchObject({ name: person.name, erasedAt: null });

    const done = await agent
      .post(`/app/contacts/${contactId}/erase`)
      .type('form')
      .send({ _csrf: csrf, confirm: ' erase ' })
      .expect(200);
    expect(done.text).toContain('The contact was erased.');
    expect(done.text).toMatch(/<td>contacts<\/td><td>1<\/td>/);
    expect(done.text).toMatch(/<td>responses<\/td><td>1<\/td>/);
    expect(done.text).not.toContain(person.name);
    expect(await contactDoc(contactId)).toMatchObject({ name: null, email: null });
    expect((await contactDoc(contactId))!.erasedAt).toBeInstanceOf(Date);

    // Idempotent: again, and every count is zero.
    const again = await agent
      .post(`/app/contacts/${contactId}/erase`)
      .type('form')
      .send({ _csrf: csrf, confirm: 'EFFACER' })
      .expect(200);
    expect(again.text).toMatch(/<td>contacts<\/td><td>0<\/td>/);
    const page = await agent.get(`/app/contacts/${contactId}`).expect(200);
    expect(page.text).toContain('Erased contact');
  });
});

import { CONNECTOR_PROVIDERS } from '../../src/connectors';
import { setupSteps } from '../../src/connectors/connectors-page-model';
import { homeModel, type HomeInput } from '../../src/home/home-model';
import type { InvitationLogRow } from '../../src/invitations/invitation-log';
import { decodeLogCursor, encodeLogCursor } from '../../src/invitations/invitation-log';
import { logRow } from '../../src/invitations/invitation-log-model';
import { parseLogQuery } from '../../src/invitations/invitation-log-query';
import { translator } from '../../src/pages/i18n';
import { glanceRanges } from '../../src/reports/glance.service';
import { Types } from 'mongoose';

describe('the invitation log query', () => {
  it('keeps the good filters and names each bad one', () => {
    const id = new Types.ObjectId().toHexString();
    expect(
      parseLogQuery({ status: 'failed', channel: '', survey: id, from: '2026-03-01' }),
    ).toEqual({ query: { status: 'failed', survey: id, from: '2026-03-01' }, bad: [] });
    expect(
      parseLogQuery({ status: ['failed', 'sent'], channel: 'fax', from: '2026-3-1' }).bad,
    ).toEqual(['status', 'channel', 'from']);
    expect(parseLogQuery({ from: '2026-03-02', to: '2026-03-01' }).bad).toEqual(['to']);
    expect(parseLogQuery({ cursor: 'not-ours' }).bad).toEqual(['cursor']);
  });

  it('round-trips its cursor and refuses anything else', () => {
    const id = new Types.ObjectId();
    const at = new Date('2026-03-01T10:00:00.123Z');
    expect(decodeLogCursor(encodeLogCursor(at, id))).toEqual({ createdAt: at, id });
    expect(decodeLogCursor(Buffer.from('12.zz').toString('base64url'))).toBeNull();
  });
});

describe('a log row', () => {
  const row: InvitationLogRow = {
    id: 'i1',
    createdAt: '2026-03-01T10:00:00.000Z',
    sentAt: null,
    status: 'failed',
    channel: 'sms',
    surveyId: 's1',
    surveyType: 'nps',
    to: '+33612345678',
    locale: 'fr',
    reason: 'provider_21614',
    error: null,
    history: [{ status: 'failed', at: '2026-03-01T10:00:01.000Z', detail: 'Twilio 21614' }],
    providerText: 'Twilio 21614',
    interactionId: 'x',
    contactId: 'c',
  };

  it('explains a Twilio code from the reason when no explanation was stored, in the page language', () => {
    const fr = logRow(row, new Map(), translator('fr'), 'fr');
    expect(fr.explanation).toBe('Le numéro n’est pas un mobile (un fixe ne reçoit pas de SMS).');
    expect(fr.statusLabel).toBe('Échec');
    expect(fr.to).not.toContain('12345678');
    const email = logRow(
      { ...row, channel: 'email', to: 'ana@example.com' },
      new Map(),
      translator('en'),
      'en',
    );
    expect(email.explanation).toBeNull();
  });
});

describe('the home page model', () => {
  const input: HomeInput = {
    t: translator('en'),
    locale: 'en',
    now: new Date('2026-03-10T12:00:00Z'),
    seesWorkspace: false,
    isAdmin: false,
    glance: [],
    myTasks: [],
    counts: { mine: 0, team: 0, overdue: 0 },
    comments: [],
    failedToday: { total: 2, byChannel: [{ channel: 'sms', count: 2 }] },
    connectorTrouble: [
      { id: 'c', name: 'Desk', provider: 'zendesk', count: 1, lastAt: '', lastReason: null },
    ],
  };

  it('gives an agent their tasks only', () => {
    const m = homeModel(input);
    expect([m.scores, m.comments, m.broken]).toEqual([null, null, null]);
  });

  it('shows connectors to admins only, and says when nothing is broken', () => {
    const manager = homeModel({ ...input, seesWorkspace: true });
    expect(manager.broken?.failed?.text).toBe('2 sends failed today');
    expect(manager.broken?.connectors).toEqual([]);
    const admin = homeModel({ ...input, seesWorkspace: true, isAdmin: true });
    expect(admin.broken?.connectors[0]?.text).toBe('Desk could not use 1 delivery today');
    const calm = homeModel({
      ...input,
      seesWorkspace: true,
      isAdmin: true,
      failedToday: { total: 0, byChannel: [] },
      connectorTrouble: [],
    });
    expect(calm.broken?.none).toBe(true);
  });

  it('compares the last 7 days with the 7 before them, back to back', () => {
    const now = new Date('2026-03-10T12:00:00Z');
    const { current, previous } = glanceRanges(now);
    expect(current).toEqual({ from: new Date('2026-03-03T12:00:00Z'), to: now });
    expect(previous).toEqual({ from: new Date('2026-02-24T12:00:00Z'), to: current.from });
  });
});

describe('connector setup steps', () => {
  it.each(CONNECTOR_PROVIDERS)('exist for %s in English and French', (provider) => {
    for (const locale of ['en', 'fr'] as const) {
      const steps = setupSteps(provider, translator(locale));
      expect(steps).toHaveLength(4);
      for (const step of steps) expect(step).not.toMatch(/^connectorsPage\./);
    }
  });
});

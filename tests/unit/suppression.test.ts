import fc from 'fast-check';
import type { ChannelName } from '../../src/channels/channel';
import {
  decideSuppression,
  type SuppressionDecision,
  type SuppressionInput,
} from '../../src/invitations/suppression';

const DAY = 86_400_000;
const NOW = new Date('2026-06-10T10:00:00Z'); // 12:00 in Paris

function input(overrides: Partial<SuppressionInput> = {}): SuppressionInput {
  return {
    now: NOW,
    channels: ['sms', 'email'],
    contact: {
      phone: '+33612345678',
      email: 'alice@example.com',
      timezone: 'Europe/Paris',
      optedOut: {},
      lastSurveyedAt: null,
    },
    chatWebhookConfigured: false,
    fatigueWindowDays: 30,
    samplingRate: 100,
    sampleDraw: 42,
    sendAt: new Date(NOW.getTime() + 3_600_000),
    expiresAt: new Date(NOW.getTime() + 7 * DAY),
    workspaceTimezone: 'Europe/Paris',
    quietHours: { start: '21:00', end: '09:00' },
    ...overrides,
  };
}

const contact = (c: Partial<SuppressionInput['contact']>) => ({
  contact: { ...input().contact, ...c },
});
const refused = (reason: string, skipped: unknown[] = []) => ({ send: false, reason, skipped });

describe('decideSuppression: refusals and their order', () => {
  it.each<[string, Partial<SuppressionInput>, SuppressionDecision | object]>([
    ['sampling 0%', { samplingRate: 0, sampleDraw: 0 }, refused('sampled_out')],
    ['the draw equals the rate', { samplingRate: 40, sampleDraw: 40 }, refused('sampled_out')],
    ['the draw is above the rate', { samplingRate: 40, sampleDraw: 99.9 }, refused('sampled_out')],
    [
      'sampled out and fatigued and opted out: sampling wins',
      {
        samplingRate: 10,
        sampleDraw: 50,
        ...contact({ lastSurveyedAt: NOW, optedOut: { sms: true, email: true } }),
      },
      refused('sampled_out'),
    ],
    [
      'surveyed 29 days ago, window 30',
      contact({ lastSurveyedAt: new Date(NOW.getTime() - 29 * DAY) }),
      refused('fatigue'),
    ],
    [
      'fatigued and opted out: fatigue wins',
      contact({
        lastSurveyedAt: new Date(NOW.getTime() - DAY),
        optedOut: { sms: true, email: true },
      }),
      refused('fatigue'),
    ],
    [
      'every channel with an address is opted out',
      contact({ optedOut: { sms: true, email: true } }),
      refused('opted_out', [
        { channel: 'sms', reason: 'opted_out' },
        { channel: 'email', reason: 'opted_out' },
      ]),
    ],
    [
      'one channel opted out and the other without address',
      contact({ email: null, optedOut: { sms: true } }),
      refused('opted_out', [
        { channel: 'sms', reason: 'opted_out' },
        { channel: 'email', reason: 'no_address' },
      ]),
    ],
    [
      'no address for any channel',
      contact({ phone: null, email: '  ' }),
      refused('no_address', [
        { channel: 'sms', reason: 'no_address' },
        { channel: 'email', reason: 'no_address' },
      ]),
    ],
    [
      'opted out of a channel it has no address for',
      { channels: ['whatsapp'], ...contact({ phone: undefined, optedOut: { whatsapp: true } }) },
      refused('no_address', [{ channel: 'whatsapp', reason: 'no_address' }]),
    ],
    ['no channels at all', { channels: [] }, refused('no_address')],
    [
      'chat without a workspace webhook',
      { channels: ['chat'] },
      refused('no_address', [{ channel: 'chat', reason: 'no_address' }]),
    ],
    [
      'the link expires before the send is due',
      { expiresAt: new Date(NOW.getTime() + 1_800_000) },
      refused('expired'),
    ],
    [
      'the link expires exactly when the send is due',
      { expiresAt: new Date(NOW.getTime() + 3_600_000) },
      refused('expired'),
    ],
    [
      'quiet hours push the send past expiry',
      { sendAt: new Date('2026-06-10T21:00:00Z'), expiresAt: new Date('2026-06-11T06:00:00Z') },
      refused('expired'),
    ],
    [
      'expired after a fallback keeps the skipped channels',
      { expiresAt: NOW, ...contact({ optedOut: { sms: true } }) },
      refused('expired', [{ channel: 'sms', reason: 'opted_out' }]),
    ],
  ])('when %s, then it is refused', (_case, overrides, expected) => {
    expect(decideSuppression(input(overrides))).toEqual(expected);
  });
});

describe('decideSuppression: sends', () => {
  const inAnHour = new Date(NOW.getTime() + 3_600_000);
  it.each<
    [string, Partial<SuppressionInput>, { channel: ChannelName; to: string; skipped?: unknown[] }]
  >([
    ['everything allows it', {}, { channel: 'sms', to: '+33612345678' }],
    [
      'sampling 100% with the highest draw',
      { samplingRate: 100, sampleDraw: 99.999 },
      { channel: 'sms', to: '+33612345678' },
    ],
    [
      'the draw is just under the rate',
      { samplingRate: 40, sampleDraw: 39.9 },
      { channel: 'sms', to: '+33612345678' },
    ],
    [
      'surveyed exactly 30 days ago',
      contact({ lastSurveyedAt: new Date(NOW.getTime() - 30 * DAY) }),
      { channel: 'sms', to: '+33612345678' },
    ],
    [
      'fatigue window off',
      { fatigueWindowDays: 0, ...contact({ lastSurveyedAt: NOW }) },
      { channel: 'sms', to: '+33612345678' },
    ],
    [
      'a send_message action ignores fatigue',
      { ignoreFatigue: true, ...contact({ lastSurveyedAt: NOW }) },
      { channel: 'sms', to: '+33612345678' },
    ],
    [
      'sms opted out falls back to email',
      contact({ optedOut: { sms: true } }),
      {
        channel: 'email',
        to: 'alice@example.com',
        skipped: [{ channel: 'sms', reason: 'opted_out' }],
      },
    ],
    [
      'no phone falls back to email',
      contact({ phone: '' }),
      {
        channel: 'email',
        to: 'alice@example.com',
        skipped: [{ channel: 'sms', reason: 'no_address' }],
      },
    ],
    [
      'whatsapp opted out, sms still allowed',
      { channels: ['whatsapp', 'sms'], ...contact({ optedOut: { whatsapp: true } }) },
      {
        channel: 'sms',
        to: '+33612345678',
        skipped: [{ channel: 'whatsapp', reason: 'opted_out' }],
      },
    ],
    [
      'chat with a workspace webhook',
      { channels: ['chat'], chatWebhookConfigured: true },
      { channel: 'chat', to: '' },
    ],
    [
      'chat into the helpdesk conversation, no workspace webhook',
      { channels: ['chat', 'email'], chatInConversation: true },
      { channel: 'chat', to: '' },
    ],
    [
      'everything else is unusable, the link remains',
      {
        channels: ['sms', 'email', 'chat', 'link'],
        ...contact({ email: null, optedOut: { sms: true } }),
      },
      {
        channel: 'link',
        to: '',
        skipped: [
          { channel: 'sms', reason: 'opted_out' },
          { channel: 'email', reason: 'no_address' },
          { channel: 'chat', reason: 'no_address' },
        ],
      },
    ],
    [
      'the address is trimmed',
      contact({ phone: ' +33612345678 ' }),
      { channel: 'sms', to: '+33612345678' },
    ],
  ])('when %s, then it sends', (_case, overrides, expected) => {
    expect(decideSuppression(input(overrides))).toEqual({
      send: true,
      sendAt: inAnHour,
      deferredByQuietHours: false,
      skipped: [],
      ...expected,
    });
  });
});

describe('decideSuppression: quiet hours', () => {
  const lateEvening = new Date('2026-06-10T20:30:00Z'); // 22:30 Paris, 16:30 New York
  it.each<[string, Partial<SuppressionInput>, string, boolean]>([
    ['22:30 in the contact timezone', {}, '2026-06-11T07:00:00Z', true],
    [
      'afternoon in the contact timezone, night for the workspace',
      contact({ timezone: 'America/New_York' }),
      '2026-06-10T20:30:00Z',
      false,
    ],
    [
      'no contact timezone: the workspace one applies',
      contact({ timezone: null }),
      '2026-06-11T07:00:00Z',
      true,
    ],
    [
      'an unknown contact timezone: the workspace one applies',
      contact({ timezone: 'Mars/Olympus' }),
      '2026-06-11T07:00:00Z',
      true,
    ],
    ['quiet hours switched off', { quietHours: null }, '2026-06-10T20:30:00Z', false],
    ['quiet hours not given: 21:00–09:00', { quietHours: undefined }, '2026-06-11T07:00:00Z', true],
    [
      'custom quiet hours that do not cover 22:30',
      { quietHours: { start: '23:00', end: '07:00' } },
      '2026-06-10T20:30:00Z',
      false,
    ],
    [
      'link only: nothing is sent, nobody is woken',
      { channels: ['link'] },
      '2026-06-10T20:30:00Z',
      false,
    ],
    ['email is subject to quiet hours too', { channels: ['email'] }, '2026-06-11T07:00:00Z', true],
  ])('when %s, then the send is at %s', (_case, overrides, sendAt, deferred) => {
    const decision = decideSuppression(input({ sendAt: lateEvening, ...overrides }));
    expect(decision).toMatchObject({
      send: true,
      sendAt: new Date(sendAt),
      deferredByQuietHours: deferred,
    });
  });

  it('when quiet hours span a DST change, then 09:00 local is kept', () => {
    const decision = decideSuppression(
      input({
        sendAt: new Date('2026-10-24T21:00:00Z'),
        expiresAt: new Date('2026-11-01T00:00:00Z'),
      }),
    );
    expect(decision).toMatchObject({ send: true, sendAt: new Date('2026-10-25T08:00:00Z') });
  });

  it('when the workspace timezone is invalid and used, then it throws', () => {
    expect(() =>
      decideSuppression(input({ workspaceTimezone: 'Nowhere', ...contact({ timezone: null }) })),
    ).toThrow(/invalid timezone/);
  });
});

describe('decideSuppression properties', () => {
  const channel = fc.constantFrom<ChannelName>('sms', 'whatsapp', 'email', 'chat', 'link');
  const arbitraryInput = fc.record({
    channels: fc.array(channel, { maxLength: 5 }),
    phone: fc.option(fc.constant('+33612345678')),
    email: fc.option(fc.constant('a@example.com')),
    optedOut: fc.dictionary(channel, fc.boolean()),
    chatWebhookConfigured: fc.boolean(),
    samplingRate: fc.integer({ min: 0, max: 100 }),
    sampleDraw: fc.double({ min: 0, max: 99.999, noNaN: true }),
    sendAtOffset: fc.integer({ min: 0, max: 3 * DAY }),
  });

  it('when it sends, then the channel is usable, not opted out, and every earlier one was skipped', () => {
    fc.assert(
      fc.property(arbitraryInput, (a) => {
        const decision = decideSuppression(
          input({
            channels: a.channels,
            chatWebhookConfigured: a.chatWebhookConfigured,
            samplingRate: a.samplingRate,
            sampleDraw: a.sampleDraw,
            sendAt: new Date(NOW.getTime() + a.sendAtOffset),
            contact: {
              phone: a.phone,
              email: a.email,
              optedOut: a.optedOut,
              timezone: 'Europe/Paris',
            },
          }),
        );
        if (!decision.send) return;
        expect(a.optedOut[decision.channel]).not.toBe(true);
        expect(a.sampleDraw).toBeLessThan(a.samplingRate);
        expect(decision.skipped.map((s) => s.channel)).toEqual(
          a.channels.slice(0, a.channels.indexOf(decision.channel)),
        );
        expect(decision.sendAt.getTime()).toBeGreaterThanOrEqual(NOW.getTime() + a.sendAtOffset);
      }),
    );
  });
});

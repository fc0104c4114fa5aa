import { createHmac } from 'node:crypto';
import type { InboundDelivery } from '../../src/connectors/adapter';
import {
  firstAccepted,
  fullName,
  typedPhone,
} from '../../src/connectors/adapters/common/contact-fields';
import { isoDate, unixSecondsToIso } from '../../src/connectors/adapters/common/dates';
import {
  tagList,
  unlessEmpty,
  withoutInvalidFields,
} from '../../src/connectors/adapters/common/draft';
import { agentNeed, needsOf, reachOrLocaleNeed } from '../../src/connectors/adapters/common/needs';
import {
  asId,
  asText,
  asTexts,
  parseJsonObject,
} from '../../src/connectors/adapters/common/json-fields';
import {
  decodeBase64,
  decodeHex,
  sameDigest,
  secretsEqual,
  verifyBodySignature,
  type BodySignature,
} from '../../src/connectors/adapters/common/signature';
import { interactionInput } from '../../src/interactions/interactions.schema';

describe('adapter helpers: JSON fields', () => {
  it('parses a JSON object only', () => {
    expect(parseJsonObject(Buffer.from('{"a":1}'))).toEqual({ a: 1 });
    expect(parseJsonObject(Buffer.from('[1]'))).toBeUndefined();
    expect(parseJsonObject(Buffer.from('null'))).toBeUndefined();
    expect(parseJsonObject(Buffer.from('{"a":'))).toBeUndefined();
  });

  it.each([
    ['  Rhea  ', 'Rhea'],
    ['', undefined],
    ['   ', undefined],
    ['{{ticket.requester.mobile}}', undefined],
    [5158, undefined],
    [null, undefined],
    [{ id: 1 }, undefined],
  ])('asText(%p) is %p (empty and unrendered placeholders are absent)', (value, expected) => {
    expect(asText(value)).toBe(expected);
  });

  it('reads the texts of a list, leaving the rest out', () => {
    expect(asTexts([' vip ', 3, '', 'refund'])).toEqual(['vip', 'refund']);
    expect(asTexts('vip')).toEqual([]);
  });

  it('reads ids as strings and refuses integers that lost digits', () => {
    expect(asId(42)).toBe('42');
    expect(asId(' abc ')).toBe('abc');
    expect(asId(JSON.parse('820982911946154508'))).toBeUndefined();
    expect(asId(1.5)).toBeUndefined();
    expect(asId('')).toBeUndefined();
  });
});

describe('adapter helpers: dates', () => {
  it('isoDate reads a Zendesk minute-precision time and refuses nonsense', () => {
    expect(isoDate('2026-01-08T12:15Z')).toBe('2026-01-08T12:15:00.000Z');
    expect(isoDate('soon')).toBeUndefined();
    expect(isoDate(undefined)).toBeUndefined();
  });

  it('turns Unix seconds (fractional too) into ISO date-times', () => {
    expect(unixSecondsToIso(1767873545.123456)).toBe('2026-01-08T11:59:05.123Z');
    expect(unixSecondsToIso('1767873545')).toBeUndefined();
    expect(unixSecondsToIso(0)).toBeUndefined();
  });
});

describe('adapter helpers: contact fields', () => {
  it('fullName joins what is present', () => {
    expect(fullName('Rhea', 'Park')).toBe('Rhea Park');
    expect(fullName('Rhea', '')).toBe('Rhea');
    expect(fullName(undefined, null)).toBeUndefined();
  });

  it.each([
    ['+33 6 12 34 56 78', '+33612345678'],
    ['+1 (415) 555-2671', '+14155552671'],
    ['0033 6.12.34.56.78', '+33612345678'],
    ['06 12 34 56 78', undefined],
    ['+33 6 12', undefined],
    ['ask at reception', undefined],
  ])('a typed phone %p is accepted as %p', (value, expected) => {
    expect(firstAccepted('phone', [typedPhone(value)])).toBe(expected);
  });

  it.each([
    ['fr-FR', 'fr-FR'],
    ['pt_BR', 'pt_BR'],
    ['de', 'de'],
    ['French', undefined],
    ['', undefined],
  ])('locale %p is accepted as %p (tags only, language names dropped)', (value, expected) => {
    expect(firstAccepted('locale', [value])).toBe(expected);
  });

  it('picks the first phone, email or locale the schema accepts', () => {
    expect(firstAccepted('phone', [undefined, '01 23 45 67 89', '+33612345678'])).toBe(
      '+33612345678',
    );
    expect(firstAccepted('email', ['not-an-email', ' ana@example.com '])).toBe('ana@example.com');
    expect(firstAccepted('email', ['Rhea Park'])).toBeUndefined();
    expect(firstAccepted('locale', ['French', 'fr-FR'])).toBe('fr-FR');
    expect(firstAccepted('phone', ['12'])).toBeUndefined();
  });
});

describe('adapter helpers: drafts', () => {
  it('tagList trims, drops empties and repeats, with the provider separator', () => {
    expect(tagList([' vip', 'refund', '', 'vip'], ',')).toBe('vip,refund');
    expect(tagList(['a', 'b'], ', ')).toBe('a, b');
    expect(tagList([], ',')).toBeUndefined();
  });

  it('tagList keeps whole tags within the 1000-character attribute limit', () => {
    const long = tagList(
      Array.from({ length: 200 }, (_, i) => `label-${i}`),
      ', ',
    );
    expect(long!.length).toBeLessThanOrEqual(1000);
    expect(long!.endsWith(',')).toBe(false);
    expect(long!.split(', ').every((t) => /^label-\d+$/.test(t))).toBe(true);
  });

  it('unlessEmpty leaves out an object with no keys', () => {
    expect(unlessEmpty({})).toBeUndefined();
    expect(unlessEmpty({ name: 'Ben' })).toEqual({ name: 'Ben' });
  });

  it('drops only the fields the schema refuses, and the draft then passes', () => {
    const { draft, dropped } = withoutInvalidFields({
      id: 'x:1',
      type: 'conversation.closed',
      customer: { email: 'ana@example.com', phone: '555-0100', locale: 'français' },
      agent: { id: '2', email: 'nope' },
      team: 't'.repeat(101),
      attributes: { tags: 'ok', 'bad.key': 1, nested: { no: 1 } },
    });
    expect(dropped.sort()).toEqual(
      [
        'agent.email',
        'attributes.bad.key',
        'attributes.nested',
        'customer.locale',
        'customer.phone',
        'team',
      ].sort(),
    );
    expect(draft).toEqual({
      id: 'x:1',
      type: 'conversation.closed',
      customer: { email: 'ana@example.com' },
      agent: { id: '2' },
      attributes: { tags: 'ok' },
    });
    expect(interactionInput.safeParse(draft).success).toBe(true);
  });
});

describe('adapter helpers: enrichment needs', () => {
  it('asks for a whole agent without a name, only the email of a named one', () => {
    expect(agentNeed(undefined)).toBeUndefined();
    expect(agentNeed({ id: '2' })).toBe('agent');
    expect(agentNeed({ id: '2', name: 'Ben' })).toBe('agent.email');
    expect(agentNeed({ name: 'Ben', email: 'ben@acme.test' })).toBeUndefined();
  });

  it('asks for a customer who cannot be reached, else only for a missing locale', () => {
    expect(reachOrLocaleNeed({ id: '7', locale: 'fr' })).toBe('customer');
    expect(reachOrLocaleNeed({ phone: '+33612345678' })).toBe('customer.locale');
    expect(reachOrLocaleNeed({ email: 'ana@example.com', locale: 'fr' })).toBeUndefined();
  });

  it('keeps the needs that apply, in order', () => {
    expect(needsOf('customer', false, undefined, 'team')).toEqual(['customer', 'team']);
  });
});

describe('adapter helpers: signatures', () => {
  it('decodes only digests of the exact length and alphabet', () => {
    expect(decodeHex('ab'.repeat(20), 20)).toEqual(Buffer.alloc(20, 0xab));
    expect(decodeHex('ab'.repeat(20) + '0', 20)).toBeUndefined();
    expect(decodeHex('zz'.repeat(20), 20)).toBeUndefined();
    expect(decodeHex(`sha1=${'ab'.repeat(20)}`, 20, 'sha1=')).toEqual(Buffer.alloc(20, 0xab));
    expect(decodeHex('ab'.repeat(20), 20, 'sha1=')).toBeUndefined();
    const b64 = Buffer.alloc(32, 1).toString('base64');
    expect(decodeBase64(b64, 32)).toEqual(Buffer.alloc(32, 1));
    expect(decodeBase64(b64.replace(/=$/, ''), 32)).toBeUndefined();
    expect(decodeBase64(Buffer.alloc(31, 1).toString('base64'), 32)).toBeUndefined();
    expect(decodeBase64(b64.replace('A', '-'), 32)).toBeUndefined();
    expect(decodeBase64(`${b64}!`, 32)).toBeUndefined();
  });

  it('refuses base64 that decodes to the digest but is not its canonical text', () => {
    // 20 bytes end in one padding "=": the last digit's two low bits must be zero.
    const canonical = Buffer.alloc(20, 7).toString('base64');
    const loose = `${canonical.slice(0, -2)}${String.fromCharCode(canonical.charCodeAt(26) + 1)}=`;
    expect(Buffer.from(loose, 'base64')).toEqual(Buffer.alloc(20, 7));
    expect(decodeBase64(loose, 20)).toBeUndefined();
    expect(decodeBase64(canonical, 20)).toEqual(Buffer.alloc(20, 7));
  });

  it('compares digests of different lengths as different without throwing', () => {
    expect(sameDigest(Buffer.alloc(20), Buffer.alloc(32))).toBe(false);
    expect(sameDigest(Buffer.alloc(20, 3), Buffer.alloc(20, 3))).toBe(true);
  });

  it('compares secrets of any length', () => {
    expect(secretsEqual('token', 'token')).toBe(true);
    expect(secretsEqual('token', 'token2')).toBe(false);
  });

  describe('verifyBodySignature', () => {
    const SIGNATURE: BodySignature = {
      algorithm: 'sha256',
      header: 'X-Sig',
      read: (value) => decodeHex(value, 32, 'sha256='),
      noSecret: 'no secret',
      malformed: 'X-Sig is not sha256=<hex>',
      mismatch: 'X-Sig does not match',
    };
    const body = Buffer.from('{"a":1}');
    const signed = (secret: string): InboundDelivery => ({
      headers: { 'x-sig': `sha256=${createHmac('sha256', secret).update(body).digest('hex')}` },
      rawBody: body,
    });

    it('accepts the HMAC of the raw body, and names each refusal', () => {
      expect(verifyBodySignature(signed('s3cret'), 's3cret', SIGNATURE)).toEqual({ ok: true });
      expect(verifyBodySignature(signed('other'), 's3cret', SIGNATURE)).toEqual({
        ok: false,
        reason: 'X-Sig does not match',
      });
      expect(verifyBodySignature({ headers: {}, rawBody: body }, 's3cret', SIGNATURE)).toEqual({
        ok: false,
        reason: 'missing X-Sig header',
      });
      const bare = { headers: { 'x-sig': 'abc' }, rawBody: body };
      expect(verifyBodySignature(bare, 's3cret', SIGNATURE)).toEqual({
        ok: false,
        reason: 'X-Sig is not sha256=<hex>',
      });
    });

    it('refuses everything while the connector has no secret, even an empty-key HMAC', () => {
      expect(verifyBodySignature(signed(''), '', SIGNATURE)).toEqual({
        ok: false,
        reason: 'no secret',
      });
    });
  });
});

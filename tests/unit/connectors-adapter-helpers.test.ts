import { firstAccepted, withoutInvalidFields } from '../../src/connectors/adapters/common/draft';
import {
  asId,
  joinNames,
  unixSecondsToIso,
} from '../../src/connectors/adapters/common/json-fields';
import {
  decodeBase64,
  decodeHex,
  sameDigest,
} from '../../src/connectors/adapters/common/signature';
import { interactionInput } from '../../src/interactions/interactions.schema';

describe('adapter helpers', () => {
  it('decodes only digests of the exact length and alphabet', () => {
    expect(decodeHex('ab'.repeat(20), 20)).toEqual(Buffer.alloc(20, 0xab));
    expect(decodeHex('ab'.repeat(20) + '0', 20)).toBeNull();
    expect(decodeHex('zz'.repeat(20), 20)).toBeNull();
    const b64 = Buffer.alloc(32, 1).toString('base64');
    expect(decodeBase64(b64, 32)).toEqual(Buffer.alloc(32, 1));
    expect(decodeBase64(b64.replace(/=$/, ''), 32)).toBeNull();
    expect(decodeBase64(Buffer.alloc(31, 1).toString('base64'), 32)).toBeNull();
    expect(decodeBase64(b64.replace('A', '-'), 32)).toBeNull();
  });

  it('compares digests of different lengths as different without throwing', () => {
    expect(sameDigest(Buffer.alloc(20), Buffer.alloc(32))).toBe(false);
    expect(sameDigest(Buffer.alloc(20, 3), Buffer.alloc(20, 3))).toBe(true);
  });

  it('reads ids as strings and refuses integers that lost digits', () => {
    expect(asId(42)).toBe('42');
    expect(asId(' abc ')).toBe('abc');
    expect(asId(JSON.parse('820982911946154508'))).toBeUndefined();
    expect(asId(1.5)).toBeUndefined();
    expect(asId('')).toBeUndefined();
  });

  it('turns Unix seconds (fractional too) into ISO date-times', () => {
    expect(unixSecondsToIso(1767873545.123456)).toBe('2026-01-08T11:59:05.123Z');
    expect(unixSecondsToIso('1767873545')).toBeUndefined();
    expect(unixSecondsToIso(0)).toBeUndefined();
  });

  it('joins names within the 1000-character attribute limit', () => {
    expect(joinNames(['a', 'b'])).toBe('a, b');
    expect(joinNames([])).toBeUndefined();
    const long = joinNames(Array.from({ length: 200 }, (_, i) => `label-${i}`));
    expect(long!.length).toBeLessThanOrEqual(1000);
    expect(long!.endsWith(',')).toBe(false);
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

  it('picks the first phone or email the schema accepts', () => {
    expect(firstAccepted('phone', [undefined, '01 23 45 67 89', '+33612345678'])).toBe(
      '+33612345678',
    );
    expect(firstAccepted('email', ['not-an-email', 'ana@example.com'])).toBe('ana@example.com');
    expect(firstAccepted('phone', ['12'])).toBeUndefined();
  });
});

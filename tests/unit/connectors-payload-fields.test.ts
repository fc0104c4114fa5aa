import {
  email,
  fullName,
  isoDate,
  locale,
  phone,
  tagList,
  text,
} from '../../src/connectors/adapters/payload-fields';

describe('helpdesk payload fields', () => {
  it.each([
    ['  Rhea  ', 'Rhea'],
    ['', undefined],
    ['   ', undefined],
    ['{{ticket.requester.mobile}}', undefined],
    [5158, '5158'],
    [null, undefined],
    [{ id: 1 }, undefined],
  ])('text(%p) is %p (empty and unrendered placeholders are absent)', (value, expected) => {
    expect(text(value)).toBe(expected);
  });

  it('cuts a text longer than the limit', () => {
    expect(text('x'.repeat(250))).toHaveLength(200);
  });

  it.each([
    ['+33 6 12 34 56 78', '+33612345678'],
    ['+1 (415) 555-2671', '+14155552671'],
    ['0033 6.12.34.56.78', '+33612345678'],
    ['06 12 34 56 78', undefined],
    ['+33 6 12', undefined],
    ['ask at reception', undefined],
  ])('phone(%p) is %p', (value, expected) => {
    expect(phone(value)).toBe(expected);
  });

  it.each([
    ['fr-FR', 'fr-FR'],
    ['pt_BR', 'pt_BR'],
    ['de', 'de'],
    ['French', undefined],
    ['', undefined],
  ])('locale(%p) is %p (tags only, language names dropped)', (value, expected) => {
    expect(locale(value)).toBe(expected);
  });

  it('email keeps addresses and drops what is not one', () => {
    expect(email(' rhea@example.com ')).toBe('rhea@example.com');
    expect(email('Rhea Park')).toBeUndefined();
  });

  it('fullName joins what is present', () => {
    expect(fullName('Rhea', 'Park')).toBe('Rhea Park');
    expect(fullName('Rhea', '')).toBe('Rhea');
    expect(fullName(undefined, null)).toBeUndefined();
  });

  it('isoDate reads a Zendesk minute-precision time and refuses nonsense', () => {
    expect(isoDate('2026-01-08T12:15Z')).toBe('2026-01-08T12:15:00.000Z');
    expect(isoDate('soon')).toBeUndefined();
  });

  it('tagList trims, drops empties and repeats', () => {
    expect(tagList([' vip', 'refund', '', 'vip'])).toBe('vip,refund');
    expect(tagList([])).toBeUndefined();
  });
});

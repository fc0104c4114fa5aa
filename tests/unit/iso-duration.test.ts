import { isoDuration, parseIsoDuration } from '../../src/shared/iso-duration';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

describe('parseIsoDuration', () => {
  it.each([
    ['PT1H', HOUR],
    ['P1D', DAY],
    ['P1DT2H30M', DAY + 2 * HOUR + 30 * MINUTE],
    ['PT0S', 0],
    ['P0D', 0],
    ['P1W', 7 * DAY],
    ['PT90M', 90 * MINUTE],
    ['PT1.5H', 1.5 * HOUR],
    ['PT30S', 30_000],
    ['P1M', 30 * DAY],
    ['P1Y', 365 * DAY],
  ])('when the text is %p, then it lasts %p ms', (text, ms) => {
    expect(parseIsoDuration(text)).toBe(ms);
  });

  it.each([
    '',
    'P',
    'PT',
    'P1DT',
    '1H',
    'pt1h',
    'P1H',
    ' PT1H',
    'PT1H ',
    '-PT1H',
    'PT-1H',
    'PT1H-30M',
    'one hour',
    '3600',
  ])('when the text is %p, then it is not a duration', (text) => {
    expect(parseIsoDuration(text)).toBeNull();
  });
});

describe('isoDuration schema', () => {
  it('when valid, then it parses to milliseconds', () => {
    expect(isoDuration.parse('PT1H')).toBe(HOUR);
  });

  it.each(['soon', 'PT-1H', 42])('when given %p, then it fails with a clear message', (input) => {
    const result = isoDuration.safeParse(input);
    expect(result.success).toBe(false);
    if (typeof input === 'string') {
      expect(result.error?.issues[0]?.message).toBe('must be an ISO 8601 duration such as PT1H');
    }
  });
});

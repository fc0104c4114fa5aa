import { isoWeekRange, previousIsoWeek, weekBefore } from '../../src/digest/digest-week';

const PARIS = 'Europe/Paris';
const hours = (r: { from: Date; to: Date }) => (r.to.getTime() - r.from.getTime()) / 3600_000;

describe('digest week boundaries', () => {
  it('when the week holds the Paris switch to winter time (2026-10-25), then it runs Monday 00:00 CEST to Monday 00:00 CET, 169 hours', () => {
    const week = isoWeekRange('2026-W43', PARIS);
    expect(week.from.toISOString()).toBe('2026-10-18T22:00:00.000Z');
    expect(week.to.toISOString()).toBe('2026-10-25T23:00:00.000Z');
    expect(hours(week)).toBe(169);
  });

  it('when the week holds the switch to summer time (2026-03-29), then it lasts 167 hours', () => {
    const week = isoWeekRange('2026-W13', PARIS);
    expect(week.from.toISOString()).toBe('2026-03-22T23:00:00.000Z');
    expect(week.to.toISOString()).toBe('2026-03-29T22:00:00.000Z');
    expect(hours(week)).toBe(167);
  });

  it('when Monday 08:00 Paris follows the DST change, then the digest covers the week that ended at local midnight', () => {
    const mondayMorning = new Date('2026-10-26T07:00:00Z'); // 08:00 CET
    expect(previousIsoWeek(mondayMorning, PARIS)).toEqual(isoWeekRange('2026-W43', PARIS));
  });

  it('when it is still Sunday 23:30 in Paris (22:30 UTC), then the last complete week is the one before', () => {
    const sundayNight = new Date('2026-10-25T22:30:00Z');
    expect(previousIsoWeek(sundayNight, PARIS).week).toBe('2026-W42');
  });

  it('when it is already Monday 00:30 in Paris but still Sunday in UTC, then the zone decides: W43', () => {
    const earlyMonday = new Date('2026-10-25T23:30:00Z');
    expect(previousIsoWeek(earlyMonday, PARIS).week).toBe('2026-W43');
    expect(previousIsoWeek(earlyMonday, 'UTC').week).toBe('2026-W42');
  });

  it('when the comparison week is asked across the DST change, then it ends where the digest week starts', () => {
    const before = weekBefore('2026-W44', PARIS);
    expect(before.week).toBe('2026-W43');
    expect(before.to).toEqual(isoWeekRange('2026-W44', PARIS).from);
    expect(isoWeekRange('2026-W44', PARIS).from.toISOString()).toBe('2026-10-25T23:00:00.000Z');
  });

  it('when the ISO week straddles a year (2027-W53 does not exist, 2026-W53 does), then labels follow ISO week-years', () => {
    expect(isoWeekRange('2026-W53', PARIS).from.toISOString()).toBe('2026-12-27T23:00:00.000Z');
    expect(previousIsoWeek(new Date('2027-01-04T07:00:00Z'), PARIS).week).toBe('2026-W53');
    expect(() => isoWeekRange('2026-48', PARIS)).toThrow('not an ISO week');
  });
});

import {
  DEFAULT_RETENTION,
  retentionCutoffs,
  retentionOf,
} from '../../src/shared/retention/retention-policy';

describe('retention policy', () => {
  it('keeps everything but a year of audit trail by default, and takes stored fields over it', () => {
    expect(retentionOf(undefined)).toEqual(DEFAULT_RETENTION);
    expect(DEFAULT_RETENTION.auditDays).toBe(365);
    expect(retentionOf({ commentsDays: 90, auditDays: null })).toEqual({
      ...DEFAULT_RETENTION,
      commentsDays: 90,
      auditDays: null,
    });
  });

  it('cuts off N whole days before now, and nothing where the policy keeps the data', () => {
    const now = new Date('2026-06-10T12:00:00.000Z');
    const cut = retentionCutoffs({ ...DEFAULT_RETENTION, commentsDays: 30 }, now);
    expect(cut.commentsDays).toEqual(new Date('2026-05-11T12:00:00.000Z'));
    expect(cut.contactsInactiveDays).toBeNull();
    expect(cut.auditDays).toEqual(new Date('2025-06-10T12:00:00.000Z'));
  });
});

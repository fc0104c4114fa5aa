import {
  canAdvance,
  INVITATION_STATUSES,
  type InvitationStatus,
  mapTwilioStatus,
} from '../../src/invitations/invitation-status';

describe('canAdvance', () => {
  it.each<[InvitationStatus, InvitationStatus, boolean]>([
    // forward along the main line, skipping steps when a receipt is lost
    ['scheduled', 'sending', true],
    ['sending', 'sent', true],
    ['sent', 'delivered', true],
    ['delivered', 'opened', true],
    ['opened', 'answered', true],
    ['sending', 'delivered', true],
    ['sent', 'answered', true],
    ['scheduled', 'answered', true],
    // never backwards, duplicates are no-ops
    ['delivered', 'sent', false],
    ['answered', 'delivered', false],
    ['answered', 'opened', false],
    ['sent', 'sending', false],
    ['sending', 'scheduled', false],
    ['delivered', 'delivered', false],
    ['answered', 'answered', false],
    // failed
    ['sending', 'failed', true],
    ['sent', 'failed', true],
    ['scheduled', 'failed', true],
    ['delivered', 'failed', false],
    ['opened', 'failed', false],
    ['answered', 'failed', false],
    ['failed', 'delivered', false],
    ['failed', 'sent', false],
    ['failed', 'opened', true],
    ['failed', 'answered', true],
    // suppressed
    ['scheduled', 'suppressed', true],
    ['sending', 'suppressed', false],
    ['suppressed', 'sending', false],
    ['suppressed', 'answered', false],
    ['suppressed', 'expired', false],
    // expired
    ['scheduled', 'expired', true],
    ['delivered', 'expired', true],
    ['opened', 'expired', true],
    ['answered', 'expired', false],
    ['failed', 'expired', false],
    ['expired', 'answered', true],
    ['expired', 'opened', false],
    ['expired', 'delivered', false],
    ['expired', 'failed', false],
  ])('when %s → %s, then %p', (from, to, allowed) => {
    expect(canAdvance(from, to)).toBe(allowed);
  });

  it('when answered, then nothing follows', () => {
    for (const to of INVITATION_STATUSES) expect(canAdvance('answered', to)).toBe(false);
  });

  it('when in any state but suppressed or answered, then an answer is accepted', () => {
    for (const from of INVITATION_STATUSES) {
      expect(canAdvance(from, 'answered')).toBe(from !== 'suppressed' && from !== 'answered');
    }
  });

  it('when two states are distinct, then at most one direction is allowed', () => {
    for (const a of INVITATION_STATUSES) {
      for (const b of INVITATION_STATUSES) {
        expect(canAdvance(a, b) && canAdvance(b, a)).toBe(false);
      }
    }
  });
});

describe('mapTwilioStatus', () => {
  it.each<[string, InvitationStatus | null]>([
    ['accepted', 'sending'],
    ['queued', 'sending'],
    ['sending', 'sending'],
    ['sent', 'sent'],
    ['delivered', 'delivered'],
    ['read', 'delivered'],
    ['undelivered', 'failed'],
    ['failed', 'failed'],
    ['canceled', 'failed'],
    ['DELIVERED', 'delivered'],
    ['received', null],
    ['receiving', null],
    ['scheduled', null],
    ['constructor', null],
    ['', null],
    ['bogus', null],
  ])('when Twilio says %p, then %p', (twilio, status) => {
    expect(mapTwilioStatus(twilio)).toBe(status);
  });
});

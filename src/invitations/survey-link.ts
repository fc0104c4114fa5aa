import { createHash, createHmac } from 'node:crypto';

/**
 * The link token is derived from the invitation id with a server secret, so the worker can
 * rebuild the link when it sends while the database keeps only the token's hash.
 * 128 bits of the HMAC are plenty to be unguessable.
 */
export function surveyLinkToken(secret: string, invitationId: string): string {
  return createHmac('sha256', secret)
    .update(`survey-link:${invitationId}`)
    .digest()
    .subarray(0, 16)
    .toString('base64url');
}

export function hashLinkToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function surveyUrl(publicUrl: string, token: string): string {
  return `${publicUrl}/s/${token}`;
}

/** Deterministic draw in [0, 100) so a retried interaction is sampled the same way. */
export function sampleDraw(seed: string): number {
  const n = createHash('sha256').update(seed).digest().readUInt32BE(0);
  return (n / 0x1_0000_0000) * 100;
}

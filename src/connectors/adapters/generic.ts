import { createHmac } from 'node:crypto';
import { safeEqual } from '../../shared/safe-equal';
import {
  SIGNATURE_TOLERANCE_MS,
  type AdapterSettings,
  type Classification,
  type ConnectorAdapter,
  type InboundDelivery,
  type Verification,
} from '../adapter';
import { getPath, setPath } from './dot-path';

/**
 * Any tool with signed JSON webhooks. Signature: `Retour-Signature: t=<unix s>,v1=<hex
 * HMAC-SHA256(secret, t + "." + raw body)>` (several v1 entries are accepted, for the sender's
 * own secret rotation); dedupe by the `Retour-Delivery` header, else by the mapped id.
 */
export const GENERIC_SIGNATURE_HEADER = 'retour-signature';
export const GENERIC_DELIVERY_HEADER = 'retour-delivery';
export const GENERIC_DEFAULT_TYPE = 'ticket.solved';

export function signGeneric(secret: string, timestamp: number, body: Buffer | string): string {
  return createHmac('sha256', secret).update(`${timestamp}.`).update(body).digest('hex');
}

function parseSignature(header: string | undefined): { t: number; v1: string[] } | null {
  if (!header) return null;
  let t: number | undefined;
  const v1: string[] = [];
  for (const part of header.split(',')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const name = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    if (name === 't' && /^\d{1,12}$/.test(value)) t = Number(value);
    if (name === 'v1' && /^[0-9a-f]{64}$/i.test(value)) v1.push(value.toLowerCase());
  }
  return t === undefined || v1.length === 0 ? null : { t, v1 };
}

function verify(delivery: InboundDelivery, settings: AdapterSettings, now: Date): Verification {
  const sig = parseSignature(delivery.headers[GENERIC_SIGNATURE_HEADER]);
  if (!sig) return { ok: false, reason: 'missing or malformed Retour-Signature header' };
  if (Math.abs(now.getTime() - sig.t * 1000) > SIGNATURE_TOLERANCE_MS) {
    return { ok: false, reason: 'signed timestamp outside the 5-minute tolerance' };
  }
  const expected = Buffer.from(signGeneric(settings.secret, sig.t, delivery.rawBody), 'hex');
  const match = sig.v1.some((given) => safeEqual(Buffer.from(given, 'hex'), expected));
  return match ? { ok: true } : { ok: false, reason: 'signature does not match' };
}

const describe = (value: unknown) => (value === undefined ? 'missing' : JSON.stringify(value));

function classify(delivery: InboundDelivery, settings: AdapterSettings): Classification {
  let payload: unknown;
  try {
    payload = JSON.parse(delivery.rawBody.toString('utf8'));
  } catch {
    return { kind: 'invalid', reason: 'the body is not JSON' };
  }
  if (payload === null || typeof payload !== 'object' || Array.isArray(payload)) {
    return { kind: 'invalid', reason: 'the body is not a JSON object' };
  }
  const header = delivery.headers[GENERIC_DELIVERY_HEADER]?.trim();
  const when = settings.when;
  const event = when ? `${when.path}=${describe(getPath(payload, when.path))}` : 'delivery';
  if (when) {
    const value = getPath(payload, when.path);
    const wanted = when.in ?? [when.equals];
    if (!wanted.some((w) => w === value)) {
      return {
        kind: 'ignored',
        event,
        reason: `${when.path} is ${describe(value)}, not ${wanted.map(describe).join(' or ')}`,
        ...(header ? { dedupeKey: header } : {}),
      };
    }
  }
  const idPath = settings.mapping?.id;
  const id = idPath ? getPath(payload, idPath) : undefined;
  if ((typeof id !== 'string' || id.trim() === '') && typeof id !== 'number') {
    return { kind: 'invalid', reason: `the mapped id (${idPath ?? 'no mapping'}) is missing` };
  }
  const externalId = String(id).trim();
  return { kind: 'close', event, dedupeKey: header || `id:${externalId}`, externalId, payload };
}

function toInteraction(payload: unknown, settings: AdapterSettings) {
  const draft: Record<string, unknown> = { type: GENERIC_DEFAULT_TYPE, customer: {} };
  for (const [target, path] of Object.entries(settings.mapping ?? {})) {
    const value = getPath(payload, path);
    if (value === undefined || value === null) continue;
    // Ids, names and emails are text in Retour; numbers from the payload are kept as text there.
    const text = target.startsWith('attributes.')
      ? value
      : typeof value === 'number'
        ? String(value)
        : value;
    setPath(draft, target, text);
  }
  return { draft: draft as ReturnType<ConnectorAdapter['toInteraction']>['draft'], needs: [] };
}

export const genericAdapter: ConnectorAdapter = {
  provider: 'generic',
  verify,
  classify,
  toInteraction,
};

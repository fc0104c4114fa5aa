import { createHmac, randomUUID } from 'node:crypto';

/**
 * Signs a delivery as a sender of the generic connector must (docs/connectors/generic.md),
 * written independently of the adapter: `Retour-Signature: t=<unix s>,v1=<hex HMAC-SHA256>`.
 */
export function signGenericDelivery(
  secret: string,
  body: string,
  options: { at?: Date; deliveryId?: string | null } = {},
): Record<string, string> {
  const t = Math.floor((options.at ?? new Date()).getTime() / 1000);
  const v1 = createHmac('sha256', secret).update(`${t}.${body}`, 'utf8').digest('hex');
  const headers: Record<string, string> = {
    'Content-Type': 'application/json',
    'Retour-Signature': `t=${t},v1=${v1}`,
  };
  const id = options.deliveryId === undefined ? randomUUID() : options.deliveryId;
  if (id !== null) headers['Retour-Delivery'] = id;
  return headers;
}

import { z } from 'zod';
import { CHANNELS } from '../channels/channel';
import { type Fits, idString, isoDateTime } from '../shared/view-schema';
import { CONNECTOR_PROVIDERS } from './adapter';
import type { ConnectorView } from './connectors.service';
import type { DeliveryView } from './deliveries.service';
import { DELIVERY_OUTCOMES } from './delivery.model';
import { WRITEBACK_OUTCOMES, WRITEBACK_STATES } from './write-back/writeback.model';

const jsonScalar = z.union([z.string(), z.number(), z.boolean(), z.null()]);

export const connectorView = z
  .strictObject({
    id: idString,
    provider: z.enum(CONNECTOR_PROVIDERS),
    name: z.string(),
    inboundUrl: z.string().meta({
      example: 'https://retour.example.com/webhooks/connectors/6650c0ffee0000000000a1b2',
    }),
    signingSecretSet: z.boolean(),
    api: z
      .strictObject({
        baseUrl: z.string().nullable(),
        email: z.string().nullable(),
        accountId: z.string().nullable(),
        tokenLast4: z.string().meta({ description: 'Empty for a token under 12 characters' }),
      })
      .nullable(),
    survey: z
      .strictObject({
        type: z.string(),
        channels: z.array(z.string().meta({ enum: [...CHANNELS] })).optional(),
        delay: z.string().optional(),
      })
      .nullable(),
    writeBack: z.strictObject({ note: z.boolean(), tags: z.boolean() }).nullable(),
    mapping: z.record(z.string(), z.string()).optional(),
    when: z
      .strictObject({
        path: z.string(),
        equals: jsonScalar.optional(),
        in: z.array(jsonScalar).optional(),
      })
      .nullable()
      .optional(),
    createdAt: isoDateTime,
    updatedAt: isoDateTime,
  })
  .meta({ id: 'Connector' });

/** Create and rotate answer the Retour-generated signing secret once, as `secret`. */
export const connectorWithSecret = connectorView.extend({
  secret: z.string().optional().meta({ description: 'Shown once: freshdesk and generic only' }),
});
export const connectorList = z.strictObject({ connectors: z.array(connectorView) });

export const deliveryView = z
  .strictObject({
    id: idString,
    receivedAt: isoDateTime,
    event: z.string().nullable(),
    externalId: z.string().nullable(),
    outcome: z.enum(DELIVERY_OUTCOMES),
    reason: z.string().nullable(),
    interactionId: z.string().nullable(),
    duplicateOf: z.string().nullable(),
    enrichment: z.string().nullable(),
    writeBack: z.array(
      z.strictObject({
        state: z.enum(WRITEBACK_STATES),
        version: z.number().int().optional(),
        taskId: z.string().optional(),
        at: isoDateTime,
        outcome: z.enum(WRITEBACK_OUTCOMES),
        status: z.number().int().nullable(),
        detail: z.string().nullable(),
      }),
    ),
  })
  .meta({ id: 'Delivery' });
export const deliveryPage = z.strictObject({
  deliveries: z.array(deliveryView),
  nextCursor: z.string().nullable(),
});

/** What POST /webhooks/connectors/:id answers when it is no problem. */
export const inboundAnswer = z.union([
  z.strictObject({ accepted: z.literal(true) }),
  z.strictObject({ duplicate: z.literal(true) }),
  z.strictObject({ ignored: z.string().meta({ example: 'not a close event' }) }),
]);

/** `when` is typed loosely in the adapter settings; the connector schema only stores scalars. */
type StoredConnector = Omit<ConnectorView, 'when'> & {
  when?: z.input<typeof connectorView>['when'];
};
export const connectorViewFits: Fits<StoredConnector, typeof connectorView> = true;
export const deliveryViewFits: Fits<DeliveryView, typeof deliveryView> = true;

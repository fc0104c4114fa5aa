/**
 * The channels Retour sends on, by name. Kept here, below every component, because the queue
 * names (one dispatch queue per channel) and most components' schemas need the list, while the
 * adapters themselves live in src/channels/.
 */
export const CHANNELS = ['sms', 'whatsapp', 'email', 'chat', 'link'] as const;
export type ChannelName = (typeof CHANNELS)[number];

import type { ContactDoc } from '../contacts';
import { formatDate, type AppLocale, type Translate } from '../pages';

/** The channels a contact can opt out of, in the order the page lists them. */
export const OPT_OUT_CHANNELS = ['sms', 'whatsapp', 'email', 'chat'] as const;
export type OptOutChannel = (typeof OPT_OUT_CHANNELS)[number];

/** The collections the contact page reads (by their privacy holders). */
export const PAGE_COLLECTIONS = ['interactions', 'invitations', 'responses'] as const;

interface HistoryEntry {
  channel?: string | null;
  optedOut?: boolean | null;
  source?: string | null;
  at?: Date | string | null;
  by?: { userId?: string | null; name?: string | null } | null;
}

type Doc = Record<string, unknown>;

const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);
const dateOf = (v: unknown): Date | null => {
  if (v instanceof Date) return v;
  if (typeof v === 'string' || typeof v === 'number') {
    const d = new Date(v);
    return Number.isNaN(d.getTime()) ? null : d;
  }
  return null;
};

export interface PageContext {
  t: Translate;
  locale: AppLocale;
  timeZone: string;
}

/** Who or what set or lifted an opt-out, in words. */
export function sourceLabel(entry: HistoryEntry, t: Translate): string {
  const source = entry.source ?? '';
  if (source === 'console')
    return t('contacts.source.console', { name: entry.by?.name ?? t('contacts.source.someone') });
  const provider = /^(?:provider|twilio)-(\d+)$/.exec(source);
  if (provider) return t('contacts.source.provider', { code: provider[1] });
  const known = ['sms-stop', 'sms-start', 'list-unsubscribe', 'address'];
  return known.includes(source) ? t(`contacts.source.${source}`) : source;
}

export function contactPageModel(
  contact: ContactDoc,
  holdings: Record<string, unknown[]>,
  { t, locale, timeZone }: PageContext,
) {
  const when = (v: unknown) => {
    const d = dateOf(v);
    return d ? { iso: d.toISOString(), text: formatDate(d, locale, timeZone) } : null;
  };
  const channelLabel = (c: unknown) => (str(c) ? t(`contacts.channel.${String(c)}`) : '—');
  const history = [...((contact.optOutHistory ?? []) as HistoryEntry[])].reverse();
  const optOut = (contact.optOut ?? {}) as Partial<Record<OptOutChannel, boolean | null>>;

  const channels = OPT_OUT_CHANNELS.map((channel) => {
    const last = history.find((h) => h.channel === channel);
    return {
      channel,
      label: channelLabel(channel),
      optedOut: optOut[channel] === true,
      last: last
        ? { at: when(last.at), source: sourceLabel(last, t), optedOut: last.optedOut === true }
        : null,
    };
  });

  const docs = (name: string) => (holdings[name] ?? []) as Doc[];
  const newestFirst = (a: Doc, b: Doc, field: string) =>
    (dateOf(b[field])?.getTime() ?? 0) - (dateOf(a[field])?.getTime() ?? 0) ||
    String(b._id).localeCompare(String(a._id));

  const interactions = docs('interactions')
    .sort((a, b) => newestFirst(a, b, 'occurredAt'))
    .map((i) => ({
      externalId: str(i.externalId),
      type: str(i.type),
      channel: str(i.channel),
      agent: str((i.agent as Doc | null)?.name) ?? str((i.agent as Doc | null)?.id),
      team: str(i.team),
      at: when(i.occurredAt),
    }));

  const invitations = docs('invitations')
    .sort((a, b) => newestFirst(a, b, 'createdAt'))
    .map((inv) => ({
      survey: String(inv.surveyType ?? '').toUpperCase(),
      channel: channelLabel(inv.channel),
      status: t(`contacts.invitationStatus.${String(inv.status)}`, {
        defaultValue: String(inv.status),
      }),
      at: when(inv.createdAt),
      history: ((inv.history ?? []) as Doc[]).map((h) => ({
        status: t(`contacts.invitationStatus.${String(h.status)}`, {
          defaultValue: String(h.status),
        }),
        at: when(h.at),
        detail: str(h.detail),
      })),
    }));

  const answers = docs('responses')
    .sort((a, b) => newestFirst(a, b, 'answeredAt'))
    .map((r) => ({
      survey: String(r.surveyType ?? '').toUpperCase(),
      score: typeof r.score === 'number' ? String(r.score) : '—',
      scaleMax: typeof (r.scale as Doc | null)?.max === 'number' ? (r.scale as Doc).max : null,
      category: str(r.category) ? t(`category.${String(r.category)}`) : null,
      comment: str(r.comment),
      channel: channelLabel(r.channel),
      at: when(r.answeredAt ?? r.createdAt),
    }));

  return {
    contact: {
      id: String(contact._id),
      name: contact.name ?? null,
      externalId: contact.externalId ?? null,
      phone: contact.phone ?? null,
      email: contact.email ?? null,
      locale: contact.locale ?? null,
      timezone: contact.timezone ?? null,
      erasedAt: when(contact.erasedAt),
    },
    channels,
    optOutHistory: history.map((h) => ({
      text: t(h.optedOut ? 'contacts.optedOutOf' : 'contacts.optedInTo', {
        channel: channelLabel(h.channel),
      }),
      source: sourceLabel(h, t),
      at: when(h.at),
    })),
    interactions,
    invitations,
    answers,
  };
}

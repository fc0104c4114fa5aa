import { explainTwilioError } from '../channels/twilio-error-codes';
import type { AppLocale, Translate } from '../pages/i18n';
import { CHANNELS } from '../shared/channel-names';
import { maskEmail, maskPhone } from '../shared/mask-personal';
import type { InvitationLogRow } from './invitation-log';
import type { InvitationLogQuery, LogField } from './invitation-log-query';
import { INVITATION_STATUSES } from './invitation-status';

export interface LogSurvey {
  id: string;
  name: string;
  type: string;
}

const statusTone: Record<string, string> = {
  failed: 'bad',
  expired: 'warn',
  suppressed: 'warn',
  answered: 'ok',
};

/** Phone or email half hidden: the log says where a send went without listing addresses. */
function maskedAddress(to: string | null): string | null {
  if (!to) return null;
  if (to.includes('@')) return maskEmail(to);
  if (/^\+?\d[\d\s-]{5,}$/.test(to)) return maskPhone(to);
  return to.replace(/^(https?:\/\/[^/]+).*$/, '$1/…');
}

/**
 * Why a send failed, in words: the stored explanation of the provider's code, or (for an
 * invitation failed before the explanation was stored) the table's, from the reason.
 */
function explanation(row: InvitationLogRow, locale: AppLocale): string | null {
  if (row.error) return row.error[locale] || row.error.en;
  const code = /^provider_(\d+)$/.exec(row.reason ?? '')?.[1];
  if (code && (row.channel === 'sms' || row.channel === 'whatsapp'))
    return explainTwilioError(code)[locale];
  return null;
}

export function logRow(
  row: InvitationLogRow,
  surveys: Map<string, LogSurvey>,
  t: Translate,
  locale: AppLocale,
) {
  const survey = surveys.get(row.surveyId);
  const history = row.history.map((h) => ({
    ...h,
    statusLabel: t(`invitationLog.status.${h.status}`, { defaultValue: h.status }),
  }));
  return {
    id: row.id,
    href: `/app/invitations/${row.id}`,
    createdAt: row.createdAt,
    sentAt: row.sentAt,
    status: row.status,
    statusLabel: t(`invitationLog.status.${row.status}`),
    tone: statusTone[row.status] ?? null,
    channel: row.channel ?? '–',
    survey: survey ? `${survey.name} (${survey.type.toUpperCase()})` : row.surveyType.toUpperCase(),
    to: maskedAddress(row.to),
    locale: row.locale,
    reason: row.reason,
    errorCode: row.error?.code ?? null,
    explanation: explanation(row, locale),
    providerText: row.providerText,
    permanent: row.error ? row.error.permanent : null,
    history,
    /** The status history in one line, oldest first, e.g. "Scheduled → Sent → Failed". */
    trail: history.map((h) => h.statusLabel).join(' → '),
  };
}

function hrefWith(query: InvitationLogQuery, cursor?: string): string {
  const params = new URLSearchParams();
  for (const key of ['status', 'channel', 'survey', 'from', 'to'] as const) {
    const value = query[key];
    if (value) params.set(key, value);
  }
  if (cursor) params.set('cursor', cursor);
  const text = params.toString();
  return text ? `/app/invitations?${text}` : '/app/invitations';
}

export interface LogPageInput {
  query: InvitationLogQuery;
  bad: LogField[];
  rows: InvitationLogRow[];
  next: string | null;
  surveys: LogSurvey[];
  t: Translate;
  locale: AppLocale;
}

/** The invitation log page's data, pure: the template only prints it. */
export function invitationLogModel(input: LogPageInput) {
  const { query, t, locale } = input;
  const surveys = new Map(input.surveys.map((s) => [s.id, s]));
  const errorOf = (field: LogField) =>
    input.bad.includes(field) ? t(`invitationLog.error.${field}`) : null;
  const filtered = Boolean(query.status || query.channel || query.survey || query.from || query.to);
  return {
    form: {
      statuses: INVITATION_STATUSES.map((s) => ({
        value: s,
        label: t(`invitationLog.status.${s}`),
        selected: s === query.status,
      })),
      channels: CHANNELS.map((c) => ({ value: c, label: c, selected: c === query.channel })),
      surveys: input.surveys.map((s) => ({
        value: s.id,
        label: `${s.name} (${s.type.toUpperCase()})`,
        selected: s.id === query.survey,
      })),
      from: query.from ?? '',
      to: query.to ?? '',
      errors: {
        status: errorOf('status'),
        channel: errorOf('channel'),
        survey: errorOf('survey'),
        from: errorOf('from'),
        to: errorOf('to'),
        cursor: errorOf('cursor'),
      },
    },
    invalid: input.bad.length > 0,
    rows: input.rows.map((r) => logRow(r, surveys, t, locale)),
    nextHref: input.next ? hrefWith(query, input.next) : null,
    firstHref: query.cursor ? hrefWith(query) : null,
    clearHref: filtered ? '/app/invitations' : null,
    empty: input.rows.length === 0,
    filtered,
  };
}

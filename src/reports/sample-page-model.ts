import { DateTime } from 'luxon';
import { translator, type AppLocale } from '../pages/i18n';
import { z } from 'zod';
import { TONE } from './report-page-model';
import type { sampleReport } from './sample.service';

const emptyToUndefined = (v: unknown) => (v === '' ? undefined : v);

/** The spot-check page's query: the week (default: the last complete one), type and size. */
export const samplePageQuery = z.object({
  week: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .regex(/^\d{4}-W\d{2}$/, 'must be an ISO week such as 2026-W48')
      .optional(),
  ),
  type: z.preprocess(
    emptyToUndefined,
    z.enum(['nps', 'csat', 'ces'], { error: 'must be nps, csat or ces' }).optional(),
  ),
  size: z.preprocess(
    emptyToUndefined,
    z.coerce.number().int().min(1, 'must be 1 to 200').max(200, 'must be 1 to 200').default(20),
  ),
});
export type SamplePageQuery = z.output<typeof samplePageQuery>;

type Sample = Awaited<ReturnType<typeof sampleReport>>;

const TYPE_LABELS = { nps: 'NPS', csat: 'CSAT', ces: 'CES' } as const;

export function samplePageHref(q: { week: string; type?: string; size: number }): string {
  const params = new URLSearchParams({ week: q.week });
  if (q.type) params.set('type', q.type);
  params.set('size', String(q.size));
  return `/app/reports/sample?${params.toString()}`;
}

const shiftWeek = (week: string, zone: string, weeks: number) =>
  DateTime.fromISO(week, { zone }).plus({ weeks }).toFormat("kkkk-'W'WW");

/** The weekly spot check, formatted: the drawn answers with what a manager needs to look them up. */
export function samplePageModel(
  sample: Sample,
  query: SamplePageQuery,
  zone: string,
  locale: AppLocale = 'en',
) {
  const t = translator(locale);
  const local = (iso: string) => DateTime.fromISO(iso, { zone }).setLocale(locale);
  const link = (week: string) => samplePageHref({ week, type: query.type, size: query.size });
  const lastDay = local(sample.to).minus({ days: 1 });
  return {
    title: t('sample.title', { week: sample.week }),
    styles: ['reports.css'],
    week: sample.week,
    period: `${local(sample.from).toFormat('d LLL')} – ${lastDay.toFormat('d LLL yyyy')}`,
    typeLabel: query.type ? TYPE_LABELS[query.type] : t('sample.allSurveysLower'),
    population: sample.population,
    size: sample.size,
    previousHref: link(shiftWeek(sample.week, zone, -1)),
    nextHref:
      local(sample.to) <= DateTime.now().setZone(zone)
        ? link(shiftWeek(sample.week, zone, 1))
        : null,
    jsonHref: `/api/v1/reports/sample?${new URLSearchParams({
      week: sample.week,
      ...(query.type ? { type: query.type } : {}),
      size: String(query.size),
    }).toString()}`,
    form: {
      week: sample.week,
      size: query.size,
      types: [
        { value: '', label: t('sample.allSurveys'), selected: !query.type },
        ...(['nps', 'csat', 'ces'] as const).map((t) => ({
          value: t,
          label: TYPE_LABELS[t],
          selected: query.type === t,
        })),
      ],
    },
    items: sample.items.map((item) => ({
      ...item,
      typeLabel: TYPE_LABELS[item.type as keyof typeof TYPE_LABELS] ?? item.type,
      category: item.category
        ? t(`category.${item.category}`, { defaultValue: item.category })
        : item.category,
      when: item.answeredAt ? local(item.answeredAt).toFormat('ccc d LLL, HH:mm') : '–',
      tone: item.category ? (TONE[item.category] ?? null) : null,
      reference: item.externalId ?? item.interactionId,
      agentName: item.agent?.name ?? item.agent?.id ?? null,
      segment: [item.team, item.product, item.interactionType, item.channel].filter(Boolean),
    })),
  };
}

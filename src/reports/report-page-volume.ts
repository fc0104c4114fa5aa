import type { Translate } from '../pages';
import { heatmapChart } from './charts';

export interface VolumeCell {
  /** ISO weekday, 1 = Monday. */
  weekday: number;
  label: string;
  hour: number;
  sent: number;
  answers: number;
}

const HOURS = Array.from({ length: 24 }, (_, h) => String(h).padStart(2, '0'));

/** Short weekday names in the page's language, Monday first (2026-01-05 was a Monday). */
function weekdays(locale: string): string[] {
  const format = new Intl.DateTimeFormat(locale, { weekday: 'short', timeZone: 'UTC' });
  return Array.from({ length: 7 }, (_, i) => format.format(Date.UTC(2026, 0, 5 + i)));
}

interface Words {
  t: Translate;
  days: string[];
}

/** "Tue 09:00–10:00" for one hour, "Tue 09:00–12:00" for a block of `size` hours. */
const slot = ({ days }: Words, c: VolumeCell, size = 1) =>
  `${days[c.weekday - 1]} ${HOURS[c.hour]}:00–${HOURS[(c.hour + size) % 24]}:00`;

/** Sums the hours into blocks of `size` hours (e.g. 3: 00–03, 03–06, …), keyed by first hour. */
export function hourBlocks(cells: readonly VolumeCell[], size: number): VolumeCell[] {
  const blocks = new Map<string, VolumeCell>();
  for (const c of cells) {
    const hour = Math.floor(c.hour / size) * size;
    const key = `${c.weekday}:${hour}`;
    const block = blocks.get(key) ?? { ...c, hour, sent: 0, answers: 0 };
    block.sent += c.sent;
    block.answers += c.answers;
    blocks.set(key, block);
  }
  return [...blocks.values()].sort((a, b) => a.weekday - b.weekday || a.hour - b.hour);
}

function chart(
  words: Words,
  title: string,
  desc: string,
  cells: readonly VolumeCell[],
  size: number,
) {
  const { t } = words;
  const cols = HOURS.filter((_, h) => h % size === 0);
  return heatmapChart({
    title,
    desc,
    rows: words.days,
    cols,
    unit: t('charts.heatmap.unit'),
    tickEvery: size === 1 ? 3 : 1,
    cells: cells.map((c) => ({
      row: c.weekday - 1,
      col: c.hour / size,
      count: c.answers,
      title: t('charts.heatmap.cell', {
        slot: slot(words, c, size),
        answers: t('charts.answers', { count: c.answers }),
        sent: t('charts.sent', { count: c.sent }),
      }),
    })),
  });
}

/**
 * The weekday × hour heat map of answers (workspace zone), invitations sent on hover: hour by
 * hour for wide screens, in 3-hour blocks for phones (24 columns would be too small to read).
 */
export function heatmapSection(
  cells: readonly VolumeCell[],
  timezone: string,
  t: Translate,
  locale: string,
) {
  const words: Words = { t, days: weekdays(locale) };
  const total = cells.reduce((t, c) => t + c.answers, 0);
  const sent = cells.reduce((t, c) => t + c.sent, 0);
  const busiest = cells.reduce<VolumeCell | null>(
    (best, c) => (c.answers > (best?.answers ?? 0) ? c : best),
    null,
  );
  const answers = (n: number) => t('charts.answers', { count: n });
  const invitations = t('charts.sent', { count: sent });
  const desc = busiest
    ? t('charts.heatmap.desc', {
        answers: answers(total),
        sent: invitations,
        timezone,
        slot: slot(words, busiest),
        busiest: answers(busiest.answers),
      })
    : t('charts.heatmap.descEmpty', { sent: invitations });
  return {
    total,
    sent,
    busiest: busiest ? `${slot(words, busiest)} (${answers(busiest.answers)})` : null,
    svg: chart(words, t('charts.heatmap.title'), desc, cells, 1),
    svgNarrow: chart(words, t('charts.heatmap.titleNarrow'), desc, hourBlocks(cells, 3), 3),
    hours: HOURS,
    rows: words.days.map((label, i) => ({
      label,
      counts: cells
        .filter((c) => c.weekday === i + 1)
        .sort((a, b) => a.hour - b.hour)
        .map((c) => c.answers),
    })),
  };
}

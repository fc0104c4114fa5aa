import { heatmapChart } from './charts';

export interface VolumeCell {
  /** ISO weekday, 1 = Monday. */
  weekday: number;
  label: string;
  hour: number;
  sent: number;
  answers: number;
}

const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const HOURS = Array.from({ length: 24 }, (_, h) => String(h).padStart(2, '0'));
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** "Tue 09:00–10:00" for one hour, "Tue 09:00–12:00" for a block of `size` hours. */
const slot = (c: VolumeCell, size = 1) =>
  `${c.label} ${HOURS[c.hour]}:00–${HOURS[(c.hour + size) % 24]}:00`;

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

function chart(title: string, desc: string, cells: readonly VolumeCell[], size: number) {
  const cols = HOURS.filter((_, h) => h % size === 0);
  return heatmapChart({
    title,
    desc,
    rows: WEEKDAYS,
    cols,
    unit: 'Answers',
    tickEvery: size === 1 ? 3 : 1,
    cells: cells.map((c) => ({
      row: c.weekday - 1,
      col: c.hour / size,
      count: c.answers,
      title: `${slot(c, size)}: ${plural(c.answers, 'answer')}, ${plural(c.sent, 'invitation')} sent`,
    })),
  });
}

/**
 * The weekday × hour heat map of answers (workspace zone), invitations sent on hover: hour by
 * hour for wide screens, in 3-hour blocks for phones (24 columns would be too small to read).
 */
export function heatmapSection(cells: readonly VolumeCell[], timezone: string) {
  const total = cells.reduce((t, c) => t + c.answers, 0);
  const sent = cells.reduce((t, c) => t + c.sent, 0);
  const busiest = cells.reduce<VolumeCell | null>(
    (best, c) => (c.answers > (best?.answers ?? 0) ? c : best),
    null,
  );
  const desc = busiest
    ? `${plural(total, 'answer')} and ${plural(sent, 'invitation')} sent by weekday and hour (${timezone}). Busiest hour: ${slot(busiest)} with ${plural(busiest.answers, 'answer')}.`
    : `No answers in this period (${plural(sent, 'invitation')} sent).`;
  return {
    total,
    sent,
    busiest: busiest ? `${slot(busiest)} (${plural(busiest.answers, 'answer')})` : null,
    svg: chart('Answers by weekday and hour', desc, cells, 1),
    svgNarrow: chart('Answers by weekday, 3-hour blocks', desc, hourBlocks(cells, 3), 3),
    hours: HOURS,
    rows: WEEKDAYS.map((label, i) => ({
      label,
      counts: cells
        .filter((c) => c.weekday === i + 1)
        .sort((a, b) => a.hour - b.hour)
        .map((c) => c.answers),
    })),
  };
}

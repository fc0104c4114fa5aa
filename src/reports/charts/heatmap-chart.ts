import { coord, escapeXml, idFrom, svgFrame } from './svg';

export interface HeatCell {
  /** 0-based row (e.g. 0 = Monday) and column (e.g. hour 0..23). */
  row: number;
  col: number;
  count: number;
  /** Hover text of the cell, e.g. "Tue 10:00–11:00: 12 answers". */
  title: string;
}

export interface HeatLevel {
  level: number;
  /** Counts from..to (both included) get this level's colour. */
  from: number;
  to: number;
}

/** Light grey for empty cells, then four blues from light to dark. */
export const HEAT_COLOURS = ['#f1f3f4', '#c6dafc', '#8ab4f8', '#4285f4', '#0b57d0'];
const STEPS = HEAT_COLOURS.length - 1;

/** Colour level of a count: 0 for none, else 1..4 by quarter of the largest count. */
export function heatLevel(count: number, max: number): number {
  if (count <= 0 || max <= 0) return 0;
  return Math.min(STEPS, Math.max(1, Math.ceil((count / max) * STEPS)));
}

/** The legend: which whole counts each level covers (levels no count can reach are left out). */
export function heatLevels(max: number): HeatLevel[] {
  const out: HeatLevel[] = [{ level: 0, from: 0, to: 0 }];
  for (let level = 1; level <= STEPS && max > 0; level += 1) {
    const from = Math.floor(((level - 1) * max) / STEPS) + 1;
    const to = Math.floor((level * max) / STEPS);
    if (from <= to) out.push({ level, from, to });
  }
  return out;
}

const CELL = 22;
const GAP = 2;
const LEFT = 40;
const TOP = 20;
const LEGEND_ROW = 20;
/** A rough width of 11px text per character, to lay the legend out without a DOM. */
const CHAR = 7;

interface LegendItem {
  x: number;
  y: number;
  text: string;
  level: number | null;
}

/** The unit, then a swatch and range per level, wrapped onto new rows when a row is full. */
export function legendLayout(unit: string, levels: HeatLevel[], width: number): LegendItem[] {
  const items = [
    { text: `${unit}:`, level: null, w: unit.length * CHAR + 12 },
    ...levels.map((l) => {
      const text = l.from === l.to ? String(l.from) : `${l.from}–${l.to}`;
      return { text, level: l.level, w: 26 + text.length * CHAR };
    }),
  ];
  const out: LegendItem[] = [];
  let x = 0;
  let y = 0;
  for (const item of items) {
    if (x > 0 && x + item.w > width) {
      x = 0;
      y += LEGEND_ROW;
    }
    out.push({ x, y, text: item.text, level: item.level });
    x += item.w;
  }
  return out;
}

/**
 * A grid of counts (rows × columns, e.g. weekday × hour) coloured by level, each cell with its
 * <title> for hover text, column ticks every `tickEvery` columns and a legend of the levels.
 */
export function heatmapChart(input: {
  title: string;
  desc: string;
  rows: string[];
  cols: string[];
  cells: HeatCell[];
  /** What a count counts, for the legend, e.g. "answers". */
  unit: string;
  tickEvery?: number;
}): string {
  const width = LEFT + input.cols.length * CELL + 8;
  const gridBottom = TOP + input.rows.length * CELL;
  const max = Math.max(0, ...input.cells.map((c) => c.count));
  const legend = legendLayout(input.unit, heatLevels(max), width);
  const height = gridBottom + 10 + (legend.at(-1)?.y ?? 0) + LEGEND_ROW;
  const every = input.tickEvery ?? 3;
  const parts: string[] = [];
  input.cols.forEach((label, col) => {
    if (col % every !== 0) return;
    parts.push(
      `<text class="tick" x="${coord(LEFT + col * CELL + (CELL - GAP) / 2)}" y="${TOP - 6}" text-anchor="middle" font-size="11" fill="#5f6368">${escapeXml(label)}</text>`,
    );
  });
  input.rows.forEach((label, row) => {
    parts.push(
      `<text class="tick" x="${LEFT - 6}" y="${coord(TOP + row * CELL + (CELL - GAP) / 2)}" text-anchor="end" dominant-baseline="middle" font-size="12" fill="#3c4043">${escapeXml(label)}</text>`,
    );
  });
  for (const c of input.cells) {
    const level = heatLevel(c.count, max);
    parts.push(
      `<rect class="cell level-${level}" x="${LEFT + c.col * CELL}" y="${TOP + c.row * CELL}" width="${CELL - GAP}" height="${CELL - GAP}" rx="3" fill="${HEAT_COLOURS[level]}" data-count="${c.count}"><title>${escapeXml(c.title)}</title></rect>`,
    );
  }
  for (const item of legend) {
    const y = gridBottom + 10 + item.y;
    if (item.level === null) {
      parts.push(
        `<text class="legend-label" x="${item.x}" y="${y + 7}" dominant-baseline="middle" font-size="11" fill="#5f6368">${escapeXml(item.text)}</text>`,
      );
      continue;
    }
    parts.push(
      `<rect class="legend-swatch level-${item.level}" x="${item.x}" y="${y}" width="14" height="14" rx="3" fill="${HEAT_COLOURS[item.level]}" stroke="#dadce0"/>`,
      `<text class="legend-range" x="${item.x + 18}" y="${y + 7}" dominant-baseline="middle" font-size="11" fill="#3c4043">${escapeXml(item.text)}</text>`,
    );
  }
  return svgFrame({
    id: `heat-${idFrom(input.title)}`,
    width,
    height,
    title: input.title,
    desc: input.desc,
    className: 'chart heatmap-chart',
    body: parts.join(''),
  });
}

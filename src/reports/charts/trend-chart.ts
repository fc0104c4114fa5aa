import { coord, escapeXml, idFrom, svgFrame, ticks } from './svg';

export interface TrendPoint {
  label: string;
  /** A shorter label for the x axis (e.g. "W41" for "2026-W41"); the label otherwise. */
  tick?: string;
  score: number | null;
  ci95: [number, number] | null;
  /** The change from the point before is significant (its 95% interval excludes 0). */
  significant?: boolean;
  /** Sign of that change: up or down. */
  direction?: 'up' | 'down' | null;
  /** What a significant change means for customers (a lower CES 1–5 is better): its colour. */
  verdict?: 'better' | 'worse' | null;
}

const VERDICT_COLOUR = { better: '#146c2e', worse: '#b3261e' } as const;

export interface TrendChartInput {
  title: string;
  desc: string;
  points: TrendPoint[];
  /** The y axis: the range the score can take (e.g. −100..100 for NPS). */
  yMin: number;
  yMax: number;
  /** Formats a y tick, e.g. v => `${v}%`. */
  format?: (v: number) => string;
  width?: number;
  height?: number;
  /** Tells a page's second copy of the chart (a phone's narrow one) apart in its ids. */
  variant?: string;
}

export const TREND_MARGIN = { top: 16, right: 16, bottom: 40, left: 44 };

/** Pixel geometry of a trend chart: x per point index, y per score (clamped to the axis). */
export function trendGeometry(input: TrendChartInput) {
  const width = input.width ?? 480;
  const height = input.height ?? 260;
  const m = TREND_MARGIN;
  const plotW = width - m.left - m.right;
  const plotH = height - m.top - m.bottom;
  const n = input.points.length;
  const span = input.yMax - input.yMin || 1;
  const x = (i: number) => m.left + (n <= 1 ? plotW / 2 : (i * plotW) / (n - 1));
  const y = (v: number) => {
    const clamped = Math.min(input.yMax, Math.max(input.yMin, v));
    return m.top + plotH - ((clamped - input.yMin) / span) * plotH;
  };
  return { width, height, plotW, plotH, x, y };
}

/** Consecutive runs of indices whose points pass `keep` (a null score breaks the line). */
function runs(points: TrendPoint[], keep: (p: TrendPoint) => boolean): number[][] {
  const out: number[][] = [];
  let current: number[] = [];
  points.forEach((p, i) => {
    if (keep(p)) current.push(i);
    else if (current.length) {
      out.push(current);
      current = [];
    }
  });
  if (current.length) out.push(current);
  return out;
}

/** The 95% interval band of each run: upper edge left to right, lower edge back. */
export function bandPolygons(input: TrendChartInput): string[] {
  const g = trendGeometry(input);
  return runs(input.points, (p) => p.score !== null && p.ci95 !== null).map((run) => {
    const upper = run.map((i) => `${coord(g.x(i))},${coord(g.y(input.points[i]!.ci95![1]))}`);
    const lower = [...run]
      .reverse()
      .map((i) => `${coord(g.x(i))},${coord(g.y(input.points[i]!.ci95![0]))}`);
    if (run.length === 1) {
      // A lone point: a thin bar so the interval still shows.
      const i = run[0]!;
      const [lo, hi] = input.points[i]!.ci95!;
      const l = coord(g.x(i) - 4);
      const r = coord(g.x(i) + 4);
      return `${l},${coord(g.y(hi))} ${r},${coord(g.y(hi))} ${r},${coord(g.y(lo))} ${l},${coord(g.y(lo))}`;
    }
    return [...upper, ...lower].join(' ');
  });
}

/**
 * A line of the score per period with its 95% interval band, significant changes ringed and
 * marked ▲/▼, as an SVG string (role="img", <title>, <desc>). No data: an axis and a note.
 */
export function trendChart(input: TrendChartInput): string {
  const g = trendGeometry(input);
  const fmt = input.format ?? ((v: number) => String(v));
  const m = TREND_MARGIN;
  const parts: string[] = [];
  for (const t of ticks(input.yMin, input.yMax, 4)) {
    const y = coord(g.y(t));
    parts.push(
      `<line class="grid" x1="${m.left}" x2="${coord(m.left + g.plotW)}" y1="${y}" y2="${y}" stroke="#e0e3e7"/>`,
      `<text class="tick" x="${m.left - 6}" y="${y}" text-anchor="end" dominant-baseline="middle" font-size="13" fill="#5f6368">${escapeXml(fmt(t))}</text>`,
    );
  }
  const every = Math.max(1, Math.ceil(input.points.length / 6));
  const last = input.points.length - 1;
  input.points.forEach((p, i) => {
    if (i % every !== 0 && i !== last) return;
    if (i !== last && last - i < every / 2) return; // keep the last label clear of its neighbour
    const anchor = i === last && last > 0 ? 'end' : 'middle';
    parts.push(
      `<text class="tick" x="${coord(g.x(i))}" y="${g.height - m.bottom + 18}" text-anchor="${anchor}" font-size="13" fill="#5f6368">${escapeXml(p.tick ?? p.label)}</text>`,
    );
  });
  const hasData = input.points.some((p) => p.score !== null);
  if (!hasData) {
    parts.push(
      `<text class="empty" x="${coord(m.left + g.plotW / 2)}" y="${coord(m.top + g.plotH / 2)}" text-anchor="middle" font-size="14" fill="#5f6368">No answers in this period</text>`,
    );
  } else {
    for (const band of bandPolygons(input)) {
      parts.push(`<polygon class="band" points="${band}" fill="#0b57d0" fill-opacity="0.15"/>`);
    }
    for (const run of runs(input.points, (p) => p.score !== null)) {
      const d = run
        .map((i, k) => `${k ? 'L' : 'M'}${coord(g.x(i))},${coord(g.y(input.points[i]!.score!))}`)
        .join(' ');
      parts.push(`<path class="line" d="${d}" fill="none" stroke="#0b57d0" stroke-width="2"/>`);
    }
    input.points.forEach((p, i) => {
      if (p.score === null) return;
      const cx = coord(g.x(i));
      const cy = coord(g.y(p.score));
      const mark = p.verdict ? `significantly ${p.verdict}` : 'significant change';
      const label = `${p.label}: ${fmt(p.score)}${p.significant ? ` (${mark})` : ''}`;
      parts.push(
        `<circle class="point" cx="${cx}" cy="${cy}" r="3.5" fill="#0b57d0"><title>${escapeXml(label)}</title></circle>`,
      );
      if (p.significant) {
        const up = p.direction === 'up';
        const colour = p.verdict ? VERDICT_COLOUR[p.verdict] : '#3c4043';
        const kind = p.verdict ? ` ${p.verdict}` : '';
        parts.push(
          `<circle class="significant${kind}" cx="${cx}" cy="${cy}" r="7" fill="none" stroke="${colour}" stroke-width="2"/>`,
          `<text class="significant-mark${kind}" x="${cx}" y="${coord(g.y(p.score) + (up ? -12 : 20))}" text-anchor="middle" font-size="12" fill="${colour}">${up ? '▲' : '▼'}</text>`,
        );
      }
    });
  }
  return svgFrame({
    id: `trend-${idFrom(input.title)}${input.variant ? `-${input.variant}` : ''}`,
    width: g.width,
    height: g.height,
    title: input.title,
    desc: input.desc,
    className: 'chart trend-chart',
    body: parts.join(''),
  });
}

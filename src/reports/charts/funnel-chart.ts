import { coord, escapeXml, idFrom, svgFrame } from './svg';

export interface FunnelStep {
  label: string;
  count: number;
  /** Share of the first step in %, null when the first step is empty. */
  share: number | null;
}

const WIDTH = 320;
const ROW = 46;
const PAD = 4;

/**
 * Horizontal bars, one per step, each as long as its count relative to the first step, with
 * the step's name, count and share written beside it (the numbers are text, not only shapes).
 */
export function funnelChart(input: { title: string; desc: string; steps: FunnelStep[] }): string {
  const first = input.steps[0]?.count ?? 0;
  const parts: string[] = [];
  input.steps.forEach((s, i) => {
    const top = PAD + i * ROW;
    const w = first === 0 ? 0 : (Math.min(s.count, first) / first) * WIDTH;
    const figure = i === 0 || s.share === null ? String(s.count) : `${s.count} · ${s.share}%`;
    parts.push(
      `<text class="step-label" x="0" y="${top + 14}" font-size="14" fill="#3c4043">${escapeXml(s.label)}</text>`,
      `<text class="step-figure" x="${WIDTH}" y="${top + 14}" text-anchor="end" font-size="14" font-weight="600" fill="#1a1a1a">${escapeXml(figure)}</text>`,
      `<rect class="funnel-track" x="0" y="${top + 21}" width="${WIDTH}" height="14" rx="3" fill="#f1f3f4"/>`,
      `<rect class="funnel-bar" x="0" y="${top + 21}" width="${coord(w)}" height="14" rx="3" fill="#0b57d0" data-count="${s.count}"><title>${escapeXml(`${s.label}: ${figure}`)}</title></rect>`,
    );
  });
  return svgFrame({
    id: `funnel-${idFrom(input.title)}`,
    width: WIDTH,
    height: PAD * 2 + input.steps.length * ROW,
    title: input.title,
    desc: input.desc,
    className: 'chart funnel-chart',
    body: parts.join(''),
  });
}

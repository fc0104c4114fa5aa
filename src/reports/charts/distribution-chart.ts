import { coord, escapeXml, idFrom, svgFrame } from './svg';

export interface DistributionBar {
  label: string;
  count: number;
  /** Share in %, null when there are no answers. */
  share: number | null;
  /** A colour class: e.g. promoter, passive, detractor. */
  tone?: string;
}

const TONES: Record<string, string> = {
  good: '#1e8e3e',
  neutral: '#9aa0a6',
  bad: '#b3261e',
};

/** Vertical bars of the count per score value, labelled with the share, as an SVG string. */
export function distributionChart(input: {
  title: string;
  desc: string;
  bars: DistributionBar[];
  width?: number;
  height?: number;
  /** The share above each bar; a phone's narrow chart leaves it to the table below. */
  values?: boolean;
  /** Tells a page's second copy of the chart (a phone's narrow one) apart in its ids. */
  variant?: string;
}): string {
  const width = input.width ?? 480;
  const values = input.values ?? true;
  const height = input.height ?? 200;
  const top = 20;
  const bottom = 24;
  const side = 8;
  const plotH = height - top - bottom;
  const n = Math.max(1, input.bars.length);
  const slot = (width - 2 * side) / n;
  const max = Math.max(0, ...input.bars.map((b) => b.count));
  const parts: string[] = [];
  input.bars.forEach((b, i) => {
    const h = max === 0 ? 0 : (b.count / max) * plotH;
    const x = side + i * slot + slot * 0.15;
    const cx = side + i * slot + slot / 2;
    const fill = TONES[b.tone ?? ''] ?? '#0b57d0';
    const share = b.share === null ? '–' : `${b.share}%`;
    parts.push(
      `<rect class="bar ${escapeXml(b.tone ?? '')}" x="${coord(x)}" y="${coord(top + plotH - h)}" width="${coord(slot * 0.7)}" height="${coord(h)}" fill="${fill}"><title>${escapeXml(`${b.label}: ${b.count} (${share})`)}</title></rect>`,
      values
        ? `<text class="value" x="${coord(cx)}" y="${coord(top + plotH - h - 4)}" text-anchor="middle" font-size="12" fill="#3c4043">${escapeXml(share)}</text>`
        : '',
      `<text class="tick" x="${coord(cx)}" y="${height - 6}" text-anchor="middle" font-size="13" fill="#5f6368">${escapeXml(b.label)}</text>`,
    );
  });
  if (max === 0) {
    parts.push(
      `<text class="empty" x="${coord(width / 2)}" y="${coord(top + plotH / 2)}" text-anchor="middle" font-size="14" fill="#5f6368">No answers in this period</text>`,
    );
  }
  return svgFrame({
    id: `dist-${idFrom(input.title)}${input.variant ? `-${input.variant}` : ''}`,
    width,
    height,
    title: input.title,
    desc: input.desc,
    className: 'chart distribution-chart',
    body: parts.join(''),
  });
}

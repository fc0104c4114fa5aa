import {
  bandPolygons,
  distributionChart,
  escapeXml,
  funnelChart,
  heatLevel,
  heatLevels,
  heatmapChart,
  legendLayout,
  trendChart,
} from '../../src/reports/charts';
import { ticks } from '../../src/reports/charts/svg';
import { trendGeometry, type TrendPoint } from '../../src/reports/charts/trend-chart';

const point = (label: string, score: number | null, ci: [number, number] | null = null) => ({
  label,
  score,
  ci95: ci,
});

const base = { title: 'NPS per week', desc: 'Weekly NPS', yMin: -100, yMax: 100 };

describe('trendChart', () => {
  it('when given labels and a title with markup, then every text is escaped', () => {
    const svg = trendChart({
      ...base,
      title: 'NPS <b>"per" week</b> & more',
      desc: "<script>alert('x')</script>",
      points: [point('<W1>', 10, [0, 20]), point('W2 & co', 20, [10, 30])],
    });
    expect(svg).not.toContain('<b>');
    expect(svg).not.toContain('<script>');
    expect(svg).toContain('NPS &lt;b&gt;&quot;per&quot; week&lt;/b&gt; &amp; more');
    expect(svg).toContain('&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;');
    expect(svg).toContain('&lt;W1&gt;');
    expect(svg).toContain('W2 &amp; co');
  });

  it('is accessible: role="img" named by its <title> and <desc>', () => {
    const svg = trendChart({ ...base, points: [point('W1', 5, [0, 10])] });
    const id = /<title id="([^"]+)">NPS per week<\/title>/.exec(svg)?.[1];
    expect(id).toBeDefined();
    expect(svg).toMatch(/^<svg [^>]*role="img"/);
    expect(svg).toContain(`aria-labelledby="${id} ${id!.replace(/-title$/, '-desc')}"`);
    expect(svg).toContain('<desc id=');
  });

  it('when there is no data, then it draws axes and says so, with no line or band', () => {
    for (const points of [[], [point('W1', null), point('W2', null)]]) {
      const svg = trendChart({ ...base, points });
      expect(svg).toContain('No answers in this period');
      expect(svg).not.toContain('<path');
      expect(svg).not.toContain('<polygon');
      expect(svg).not.toContain('NaN');
    }
  });

  it('when a week has a null score, then the line and band break there', () => {
    const points = [
      point('W1', 10, [0, 20]),
      point('W2', 20, [10, 30]),
      point('W3', null),
      point('W4', 30, [20, 40]),
      point('W5', 40, [30, 50]),
    ];
    const svg = trendChart({ ...base, points });
    expect(svg.match(/<path class="line"/g)).toHaveLength(2);
    expect(svg.match(/<polygon class="band"/g)).toHaveLength(2);
    expect(svg.match(/<circle class="point"/g)).toHaveLength(4);
    expect(svg).not.toContain('NaN');
  });

  it('band coordinates: the upper edge left to right, then the lower edge back, on the y scale', () => {
    const input = {
      ...base,
      width: 240,
      height: 216, // plot 180 × 160 inside the margins (top 16, right 16, bottom 40, left 44)
      points: [point('A', 0, [-50, 50]), point('B', 50, [0, 100])],
    };
    const g = trendGeometry(input);
    expect(g.plotW).toBe(180);
    expect(g.plotH).toBe(160);
    expect(g.y(100)).toBe(16);
    expect(g.y(-100)).toBe(176);
    expect(g.y(0)).toBe(96);
    expect(g.x(0)).toBe(44);
    expect(g.x(1)).toBe(224);
    const [band] = bandPolygons(input);
    expect(band).toBe('44,56 224,16 224,96 44,136');
  });

  it('a lone point gets a narrow band; scores outside the axis are clamped', () => {
    const [band] = bandPolygons({
      ...base,
      width: 240,
      height: 216,
      points: [point('A', 0, [-150, 50])],
    });
    expect(band).toBe('130,56 138,56 138,176 130,176');
  });

  it('marks significant changes with a ring and an arrow in its direction', () => {
    const points: TrendPoint[] = [
      point('W1', 10, [0, 20]),
      { ...point('W2', 60, [50, 70]), significant: true, direction: 'up' },
      { ...point('W3', 20, [10, 30]), significant: true, direction: 'down' },
      { ...point('W4', 22, [12, 32]), significant: false, direction: 'up' },
    ];
    const svg = trendChart({ ...base, points });
    expect(svg.match(/<circle class="significant"/g)).toHaveLength(2);
    expect(svg).toContain('>▲</text>');
    expect(svg).toContain('>▼</text>');
    expect(svg).toContain('W2: 60 (significant change)');
  });

  it('uses the short tick label on the axis and the full label in the point title', () => {
    const svg = trendChart({
      ...base,
      points: [{ ...point('2026-W41', 5, [0, 10]), tick: 'W41' }],
    });
    expect(svg).toContain('>W41</text>');
    expect(svg).toContain('<title>2026-W41: 5</title>');
  });
});

describe('distributionChart', () => {
  it('draws one bar per value, scaled to the largest, with escaped labels', () => {
    const svg = distributionChart({
      title: 'Scores <&>',
      desc: 'd',
      height: 200,
      bars: [
        { label: '<1>', count: 0, share: 0, tone: 'bad' },
        { label: '2', count: 5, share: 33.3, tone: 'neutral' },
        { label: '3', count: 10, share: 66.7, tone: 'good' },
      ],
    });
    expect(svg.match(/<rect class="bar/g)).toHaveLength(3);
    expect(svg).toContain('Scores &lt;&amp;&gt;');
    expect(svg).toContain('&lt;1&gt;');
    // plot height 200 − 20 − 24 = 156: the largest bar fills it, the half one is half.
    expect(svg).toMatch(/class="bar good"[^>]*height="156"/);
    expect(svg).toMatch(/class="bar neutral"[^>]*height="78"/);
    expect(svg).toMatch(/class="bar bad"[^>]*height="0"/);
  });

  it('when there are no answers, then empty bars and a note, never NaN', () => {
    const svg = distributionChart({
      title: 't',
      desc: 'd',
      bars: [1, 2, 3].map((s) => ({ label: String(s), count: 0, share: null })),
    });
    expect(svg).toContain('No answers in this period');
    expect(svg).not.toContain('NaN');
    expect(svg).toContain('>–</text>');
  });
});

describe('heatmapChart', () => {
  const grid = (count: (row: number, col: number) => number) =>
    Array.from({ length: 2 }, (_, row) =>
      Array.from({ length: 4 }, (_, col) => ({
        row,
        col,
        count: count(row, col),
        title: `R${row} C${col}: ${count(row, col)} <answers>`,
      })),
    ).flat();
  const input = { title: 'Heat <&>', desc: 'd', rows: ['Mon', 'Tue'], cols: ['0', '1', '2', '3'] };

  it('heatLevel: 0 for none, then quarters of the largest count', () => {
    expect([0, 1, 5, 6, 7, 12, 13, 18, 19, 24].map((c) => heatLevel(c, 24))).toEqual([
      0, 1, 1, 1, 2, 2, 3, 3, 4, 4,
    ]);
    expect(heatLevel(3, 0)).toBe(0);
    expect(heatLevel(1, 1)).toBe(4);
  });

  it('heatLevels: the whole counts each level covers, unreachable levels left out', () => {
    expect(heatLevels(24)).toEqual([
      { level: 0, from: 0, to: 0 },
      { level: 1, from: 1, to: 6 },
      { level: 2, from: 7, to: 12 },
      { level: 3, from: 13, to: 18 },
      { level: 4, from: 19, to: 24 },
    ]);
    // With at most 2, a count is 1 (level 2) or 2 (level 4): levels 1 and 3 cannot occur.
    expect(heatLevels(2)).toEqual([
      { level: 0, from: 0, to: 0 },
      { level: 2, from: 1, to: 1 },
      { level: 4, from: 2, to: 2 },
    ]);
    expect(heatLevels(0)).toEqual([{ level: 0, from: 0, to: 0 }]);
    // Every count from 1 to max falls in exactly the legend entry of its own level.
    for (const max of [1, 2, 3, 5, 7, 24, 101]) {
      const legend = heatLevels(max);
      for (let c = 0; c <= max; c += 1) {
        const entry = legend.find((l) => c >= l.from && c <= l.to);
        expect(entry?.level).toBe(heatLevel(c, max));
      }
    }
  });

  it('draws one cell per count with its level colour and an escaped <title>, rows and ticks', () => {
    const svg = heatmapChart({ ...input, unit: 'answers', cells: grid((r, c) => r * 4 + c) });
    expect(svg).toMatch(/^<svg [^>]*class="chart heatmap-chart" role="img"/);
    expect(svg.match(/<rect class="cell /g)).toHaveLength(8);
    expect(svg).toContain('Heat &lt;&amp;&gt;');
    expect(svg).toContain('<title>R1 C3: 7 &lt;answers&gt;</title>');
    // max 7: 0 → level 0, 7 → level 4, 3 → ceil(12/7) = level 2.
    expect(svg).toMatch(/class="cell level-0" x="40" y="20"[^>]*fill="#f1f3f4" data-count="0"/);
    expect(svg).toMatch(/class="cell level-4" x="106" y="42"[^>]*data-count="7"/);
    expect(svg).toMatch(/class="cell level-2"[^>]*data-count="3"/);
    expect(svg).toContain('>Mon</text>');
    expect(svg).toContain('>Tue</text>');
    // Ticks every 3 columns by default: 0 and 3.
    expect(
      [...svg.matchAll(/<text class="tick"[^>]*text-anchor="middle"[^>]*>([^<]*)</g)].map(
        (m) => m[1],
      ),
    ).toEqual(['0', '3']);
    // 4 columns: 40 + 4 × 22 + 8 wide; the legend needs three rows in that width.
    expect(svg).toContain('viewBox="0 0 136 134"');
    expect(svg).toContain('>answers:</text>');
  });

  it('legendLayout: the unit first, then level entries, wrapping onto new rows when full', () => {
    const levels = heatLevels(24);
    const wide = legendLayout('Answers', levels, 600);
    expect(wide.map((i) => [i.text, i.level, i.y])).toEqual([
      ['Answers:', null, 0],
      ['0', 0, 0],
      ['1–6', 1, 0],
      ['7–12', 2, 0],
      ['13–18', 3, 0],
      ['19–24', 4, 0],
    ]);
    expect(wide.map((i) => i.x)).toEqual([0, 61, 94, 141, 195, 256]);
    const narrow = legendLayout('Answers', levels, 150);
    expect(narrow.map((i) => [i.x, i.y])).toEqual([
      [0, 0],
      [61, 0],
      [94, 0],
      [0, 20],
      [54, 20],
      [0, 40],
    ]);
  });

  it('when every count is 0, then grey cells and a one-entry legend, never NaN', () => {
    const svg = heatmapChart({ ...input, unit: 'answers', cells: grid(() => 0) });
    expect(svg.match(/class="cell level-0"/g)).toHaveLength(8);
    expect(svg.match(/class="legend-swatch/g)).toHaveLength(1);
    expect(svg).not.toContain('NaN');
    expect(svg).not.toContain('Infinity');
  });
});

describe('funnelChart', () => {
  const steps = [
    { label: 'Detractors <answered>', count: 8, share: null },
    { label: 'With a task', count: 6, share: 75 },
    { label: 'Contacted', count: 2, share: 25 },
    { label: 'Resolved', count: 0, share: 0 },
  ];

  it('draws each step as long as its share of the first, with its numbers as text', () => {
    const svg = funnelChart({ title: 'Follow-up funnel', desc: 'd', steps });
    expect(svg).toMatch(/^<svg [^>]*class="chart funnel-chart" role="img"/);
    const widths = [...svg.matchAll(/class="funnel-bar"[^>]*width="([^"]+)"/g)].map((m) => m[1]);
    expect(widths).toEqual(['320', '240', '80', '0']);
    const figures = [...svg.matchAll(/class="step-figure"[^>]*>([^<]*)</g)].map((m) => m[1]);
    expect(figures).toEqual(['8', '6 · 75%', '2 · 25%', '0 · 0%']);
    expect(svg).toContain('Detractors &lt;answered&gt;');
  });

  it('when there is nothing to follow up, then empty bars and zeros, never NaN', () => {
    const svg = funnelChart({
      title: 't',
      desc: 'd',
      steps: steps.map((s) => ({ ...s, count: 0, share: null })),
    });
    expect([...svg.matchAll(/class="funnel-bar"[^>]*width="([^"]+)"/g)].map((m) => m[1])).toEqual([
      '0',
      '0',
      '0',
      '0',
    ]);
    expect(svg).not.toContain('NaN');
  });
});

describe('helpers', () => {
  it('escapeXml escapes the five XML characters', () => {
    expect(escapeXml(`<a href="x" title='y'>&</a>`)).toBe(
      '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;',
    );
  });
  it('ticks are round values within the range', () => {
    expect(ticks(-100, 100, 4)).toEqual([-100, -50, 0, 50, 100]);
    expect(ticks(1, 5, 4)).toEqual([1, 2, 3, 4, 5]);
    expect(ticks(3, 3)).toEqual([3]);
  });
});

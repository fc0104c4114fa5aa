import { bandPolygons, distributionChart, escapeXml, trendChart } from '../../src/reports/charts';
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

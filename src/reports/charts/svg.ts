/** Small helpers shared by the SVG chart builders (pure string building, no DOM). */

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for SVG/HTML content and attribute values. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ENTITIES[ch]!);
}

/** A coordinate with at most one decimal, never "-0". */
export function coord(x: number): string {
  const r = Math.round(x * 10) / 10;
  return String(Object.is(r, -0) ? 0 : r);
}

/** A stable id fragment from free text (for aria-labelledby). */
export function idFrom(text: string): string {
  return text.replace(/[^A-Za-z0-9_-]+/g, '-').slice(0, 40) || 'chart';
}

/** Opening <svg> with its accessible name and description, and its closing tag. */
export function svgFrame(opts: {
  id: string;
  width: number;
  height: number;
  title: string;
  desc: string;
  className: string;
  body: string;
}): string {
  const t = `${opts.id}-title`;
  const d = `${opts.id}-desc`;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" class="${escapeXml(opts.className)}" role="img"` +
    ` viewBox="0 0 ${opts.width} ${opts.height}" preserveAspectRatio="xMidYMid meet"` +
    ` aria-labelledby="${t} ${d}">` +
    `<title id="${t}">${escapeXml(opts.title)}</title>` +
    `<desc id="${d}">${escapeXml(opts.desc)}</desc>` +
    opts.body +
    `</svg>`
  );
}

/** About `count` round tick values covering [min, max]. */
export function ticks(min: number, max: number, count = 5): number[] {
  if (!(max > min)) return [min];
  const raw = (max - min) / count;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * magnitude).find((s) => s >= raw) ?? raw;
  const out: number[] = [];
  for (let v = Math.ceil(min / step) * step; v <= max + step / 1e6; v += step) {
    out.push(Math.round(v * 1e6) / 1e6);
  }
  return out;
}

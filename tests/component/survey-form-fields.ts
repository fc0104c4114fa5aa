/**
 * What a browser would send for a server-rendered form: its named fields with their current
 * values (checked checkboxes only, selected options), read from the page's HTML, so a test can
 * change a few fields and post the rest as they were.
 */
const ENTITIES: Record<string, string> = {
  '&amp;': '&',
  '&lt;': '<',
  '&gt;': '>',
  '&quot;': '"',
  '&#x27;': "'",
  '&#x60;': '`',
  '&#x3D;': '=',
};
const unescape = (text: string) =>
  text.replace(/&(?:amp|lt|gt|quot|#x27|#x60|#x3D);/g, (e) => ENTITIES[e] ?? e);

const attr = (tag: string, name: string) =>
  new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1] ?? null;

export type FormFields = [string, string][];

export function formFields(html: string, formId: string): FormFields {
  const start = html.indexOf(`id="${formId}"`);
  if (start < 0) throw new Error(`No form #${formId} in the page`);
  const form = html.slice(start, html.indexOf('</form>', start));
  const fields: FormFields = [];
  for (const match of form.matchAll(
    /<input\b[^>]*>|<textarea\b[^>]*>[\s\S]*?<\/textarea>|<select\b[^>]*>[\s\S]*?<\/select>/g,
  )) {
    const element = match[0];
    const tag = /^<[^>]*>/.exec(element)![0];
    const name = attr(tag, 'name');
    if (!name) continue;
    if (element.startsWith('<textarea')) {
      fields.push([name, unescape(element.slice(tag.length, -'</textarea>'.length))]);
    } else if (element.startsWith('<select')) {
      const option =
        /<option value="([^"]*)" selected/.exec(element) ?? /<option value="([^"]*)"/.exec(element);
      fields.push([name, unescape(option?.[1] ?? '')]);
    } else {
      const type = attr(tag, 'type') ?? 'text';
      if (type === 'submit') continue;
      if (type === 'checkbox' && !/\schecked/.test(tag)) continue;
      fields.push([name, type === 'checkbox' ? 'on' : unescape(attr(tag, 'value') ?? '')]);
    }
  }
  return fields;
}

/** The fields with some replaced (or added) and an `intent` button pressed. */
export function withFields(
  fields: FormFields,
  changes: Record<string, string | null>,
  intent = 'save',
): string {
  const kept = fields.filter(([name]) => !(name in changes));
  const added = Object.entries(changes).filter((e): e is [string, string] => e[1] !== null);
  return new URLSearchParams([...kept, ...added, ['intent', intent]]).toString();
}

import { readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The JSON body docs/connectors/<file> tells admins to paste (the fenced block after the
 * `<!-- retour:<marker> -->` comment), so tests exercise exactly what the docs publish.
 */
export function documentedBody(file: string, marker: string): string {
  const doc = readFileSync(path.join(__dirname, '../../../docs/connectors', file), 'utf8');
  const block = new RegExp(`<!-- retour:${marker}[^>]*-->\\s*\`\`\`json\\n([\\s\\S]*?)\`\`\``).exec(
    doc,
  );
  if (!block?.[1]) throw new Error(`docs/connectors/${file} lost its ${marker} block`);
  return block[1];
}

/**
 * Renders `{{placeholder}}` as Zendesk and Freshdesk do for a webhook: plain text, no JSON
 * escaping; an unknown or empty placeholder renders as nothing.
 */
export function renderPlaceholders(template: string, values: Record<string, string>): string {
  return template.replace(/\{\{\s*([\w.]+)\s*\}\}/g, (_, name: string) => values[name] ?? '');
}

import { interactionInput } from '../../../interactions/interactions.schema';
import type { InteractionDraft } from '../../adapter';

/** Optional fields a provider may fill with something our schema refuses. */
const DROPPABLE = new Set([
  'occurredAt',
  'customer.id',
  'customer.name',
  'customer.phone',
  'customer.email',
  'customer.locale',
  'agent.id',
  'agent.name',
  'agent.email',
  'team',
  'channel',
]);

/** A copy without the keys whose value is undefined, so drafts compare and store cleanly. */
export function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/** The object, or undefined when it has no keys: an absent agent rather than an empty one. */
export function unlessEmpty<T extends object>(value: T): T | undefined {
  return Object.keys(value).length > 0 ? value : undefined;
}

/**
 * Tags as one attribute (attributes hold scalars only): trimmed, empties and repeats left out,
 * and only whole tags within the attribute's 1000 characters. Each provider keeps the separator
 * its users know ("vip,refund" in Zendesk, "vip, wholesale" in Shopify).
 */
export function tagList(tags: readonly string[], separator: ',' | ', '): string | undefined {
  const unique = [...new Set(tags.map((t) => t.trim()).filter((t) => t !== ''))];
  let joined = '';
  for (const tag of unique) {
    const next = joined === '' ? tag : `${joined}${separator}${tag}`;
    if (next.length > 1000) break;
    joined = next;
  }
  return joined === '' ? undefined : joined;
}

/**
 * Drops the optional fields the interaction schema would refuse (a shipping phone written
 * "555-625-1199", an over-long name, an odd attribute), so that one bad field does not cost the
 * survey. Returns the dotted paths it dropped; what is still wrong (no way to reach the customer
 * at all) is left for the job's validation.
 */
export function withoutInvalidFields(input: InteractionDraft): {
  draft: InteractionDraft;
  dropped: string[];
} {
  const draft = structuredClone(input) as InteractionDraft & Record<string, unknown>;
  const dropped: string[] = [];
  // zod reports some problems only once earlier ones are gone (attribute values after attribute
  // names), so drop and check again until nothing more can be dropped.
  for (let pass = 0; pass < 5; pass++) {
    const result = interactionInput.safeParse(draft);
    if (result.success) return { draft, dropped };
    const before = dropped.length;
    for (const issue of result.error.issues) {
      const path = issue.path.map(String);
      const dotted = path.join('.');
      if (DROPPABLE.has(dotted)) {
        const [head, leaf] = path as [string, string | undefined];
        if (leaf === undefined) delete draft[head];
        else delete (draft[head] as Record<string, unknown> | undefined)?.[leaf];
        dropped.push(dotted);
      } else if (path[0] === 'attributes' && path.length === 2 && draft.attributes) {
        delete (draft.attributes as Record<string, unknown>)[path[1] as string];
        dropped.push(dotted);
      }
    }
    if (dropped.length === before) break;
  }
  return { draft, dropped };
}

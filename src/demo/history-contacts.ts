import { FIRST_NAMES_EN, FIRST_NAMES_FR, LAST_NAMES_EN, LAST_NAMES_FR } from './history-catalog';
import type { Rng } from './prng';

export interface PlannedContact {
  externalId: string;
  name: string;
  phone: string;
  email: string;
  locale: 'fr' | 'en';
  tier: 'standard' | 'gold';
}

const ascii = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-zA-Z]/g, '')
    .toLowerCase();

/**
 * Demo customers, most of them French: phone numbers from the ranges reserved for fiction
 * (ARCEP 06 39 98, Ofcom 07700 900) and addresses at example.com, so nothing can reach anyone.
 */
export function planContacts(count: number, idPrefix: string, rng: Rng): PlannedContact[] {
  return Array.from({ length: count }, (_, i) => {
    const locale = rng.chance(0.72) ? 'fr' : 'en';
    const first = rng.pick(locale === 'fr' ? FIRST_NAMES_FR : FIRST_NAMES_EN);
    const last = rng.pick(locale === 'fr' ? LAST_NAMES_FR : LAST_NAMES_EN);
    const phone =
      locale === 'fr'
        ? `+3363998${String(i % 10_000).padStart(4, '0')}`
        : `+447700900${String(i % 1000).padStart(3, '0')}`;
    return {
      externalId: `${idPrefix}customer-${String(i + 1).padStart(5, '0')}`,
      name: `${first} ${last}`,
      phone,
      email: `${ascii(first)}.${ascii(last)}${i + 1}@example.com`,
      locale,
      tier: rng.chance(0.15) ? 'gold' : 'standard',
    };
  });
}

/**
 * The time zone picker: every canonical IANA name the runtime knows (Intl.supportedValuesOf,
 * the same ICU names canonicalTimeZone stores), grouped by region ("Europe", "America"…).
 * The current value is always offered, even a zone this runtime does not list.
 */
export interface TimeZoneGroup {
  region: string;
  zones: { value: string; label: string; selected: boolean }[];
}

const OTHER = 'Other';

export function timeZoneGroups(current: string): TimeZoneGroup[] {
  const names = new Set([...Intl.supportedValuesOf('timeZone'), 'UTC']);
  if (current) names.add(current);
  const groups = new Map<string, TimeZoneGroup['zones']>();
  for (const name of [...names].sort()) {
    const slash = name.indexOf('/');
    const region = slash > 0 ? name.slice(0, slash) : OTHER;
    const label = (slash > 0 ? name.slice(slash + 1) : name).replace(/_/g, ' ');
    const zones = groups.get(region) ?? [];
    zones.push({ value: name, label, selected: name === current });
    groups.set(region, zones);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => (a === OTHER ? 1 : b === OTHER ? -1 : a.localeCompare(b)))
    .map(([region, zones]) => ({ region, zones }));
}

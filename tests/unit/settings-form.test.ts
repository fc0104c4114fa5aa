import {
  parseSettingsForm,
  settingsCandidate,
  settingsForm,
} from '../../src/workspaces/settings-form';
import { timeZoneGroups } from '../../src/workspaces/time-zone-options';

const form = (changes: Record<string, string> = {}) =>
  settingsForm.parse({
    name: 'Acme',
    timezone: 'Europe/Paris',
    defaultLocale: 'fr',
    fatigueWindowDays: '30',
    quietHoursOn: 'on',
    quietStart: '21:00',
    quietEnd: '09:00',
    senderNumbers: '',
    chatWebhookUrl: '',
    ...changes,
  });

describe('time zone picker', () => {
  it('groups canonical names by region, selects the current one, and keeps UTC under Other at the end', () => {
    const groups = timeZoneGroups('Europe/Paris');
    const europe = groups.find((g) => g.region === 'Europe')!;
    expect(europe.zones.find((z) => z.value === 'Europe/Paris')).toEqual({
      value: 'Europe/Paris',
      label: 'Paris',
      selected: true,
    });
    expect(groups.flatMap((g) => g.zones).filter((z) => z.selected)).toHaveLength(1);
    expect(groups.at(-1)).toMatchObject({ region: 'Other' });
    expect(groups.at(-1)!.zones.map((z) => z.value)).toContain('UTC');
    const labels = groups.find((g) => g.region === 'America')!.zones.map((z) => z.label);
    expect(labels).toContain('New York');
  });

  it('offers a stored zone the runtime does not list, selected', () => {
    const all = timeZoneGroups('Etc/GMT+5').flatMap((g) => g.zones);
    expect(all.find((z) => z.value === 'Etc/GMT+5')?.selected).toBe(true);
  });
});

describe('settings form', () => {
  it('turns the posted strings into the API input: numbers, quiet hours off, one number per line, empty URL as none', () => {
    expect(
      settingsCandidate(
        form({ quietHoursOn: '', senderNumbers: '+33612345678\r\n\r\n whatsapp:+33612345678 ' }),
      ),
    ).toEqual({
      name: 'Acme',
      timezone: 'Europe/Paris',
      defaultLocale: 'fr',
      fatigueWindowDays: 30,
      quietHours: null,
      senderNumbers: ['+33612345678', 'whatsapp:+33612345678'],
      chatWebhookUrl: null,
    });
  });

  it('names each bad field by the path the API names it', () => {
    const parsed = parseSettingsForm(form({ fatigueWindowDays: '1.5', quietEnd: '9h' }));
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.problems.map((p) => p.path).sort()).toEqual([
      'fatigueWindowDays',
      'quietHours.end',
    ]);
  });
});

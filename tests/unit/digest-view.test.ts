import type { AgentCardContent } from '../../src/digest/agent-card-content';
import { renderAgentCard } from '../../src/digest/agent-card-render';
import type { DigestContent } from '../../src/digest/digest-content';
import { digestView, renderDigest } from '../../src/digest/digest-render';
import { isoWeekRange } from '../../src/digest/digest-week';
import type { FollowupFigures } from '../../src/reports/followup-figures';

const seen = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');
const ZONE = 'Europe/Paris';
const week = isoWeekRange('2026-W43', ZONE);
const NPS = { scale: { min: 0, max: 10 }, direction: 'higher_better' as const };

const followUp = (over: Partial<FollowupFigures> = {}): FollowupFigures => ({
  detractors: 12,
  withTask: 10,
  contacted: 8,
  resolved: 6,
  resolvedWithoutContact: 0,
  shares: { withTask: 83.3, contacted: 66.7, resolved: 50 },
  timeToFirstAction: { n: 8, median: 7800, p90: 98_400 },
  timeToResolution: { n: 6, median: 86_400, p90: 172_800 },
  slaBreaches: 2,
  ...over,
});

const digest: DigestContent = {
  week,
  sections: [
    {
      type: 'nps',
      label: 'NPS',
      ...NPS,
      score: 32,
      n: 1234,
      ci95: [21.4, 42.6],
      lowN: false,
      responseRate: 41.5,
      change: { difference: -8.5, ci95: [-15.2, -1.8], significant: true },
      segments: [
        {
          dimension: 'team',
          best: { dimension: 'team', label: 'Support', score: 50, n: 40 },
          worst: { dimension: 'team', label: 'Ventes', score: -17, n: 30 },
        },
      ],
      comments: [
        {
          category: 'detractor',
          items: [{ score: 2, comment: '<b>trop lent</b>', at: week.from }],
        },
      ],
      followUp: followUp(),
      dashboardUrl: 'http://retour.test/app/reports?type=nps&from=2026-10-19&to=2026-10-25',
    },
    {
      type: 'ces',
      label: 'CES',
      scale: { min: 1, max: 5 },
      direction: 'lower_better',
      score: 2.15,
      n: 12,
      ci95: [1.71, 2.59],
      lowN: true,
      responseRate: null,
      change: null,
      segments: [],
      comments: [],
      followUp: followUp({ detractors: 0 }),
      dashboardUrl: 'http://retour.test/app/reports?type=ces&from=2026-10-19&to=2026-10-25',
    },
  ],
  followUp: { opened: 14, resolved: 9, overdue: 1 },
  sampleUrl: 'http://retour.test/api/v1/reports/sample?week=2026-W43',
};

describe('digest e-mail view', () => {
  it('when the workspace speaks French, then subject, headings, figures and dates are French', () => {
    const mail = renderDigest(digest, { workspace: 'Boulangerie', timezone: ZONE, locale: 'fr' });
    expect(mail.subject).toBe('Boulangerie — synthèse hebdomadaire 2026-W43');
    const text = seen(mail.text);
    expect(text).toContain('Boulangerie — semaine 2026-W43');
    expect(text).toContain('du 19 octobre 2026 au 25 octobre 2026 (Europe/Paris)');
    expect(text).toContain('NPS +32 (IC 95 % : +21 à +43)');
    expect(text).toContain(
      '1 234 réponses · taux de réponse 41,5 % · échelle 0–10, plus haut = mieux',
    );
    expect(text).toContain(
      'Évolution par rapport à la semaine précédente : -8,5 (IC 95 % : -15,2 à -1,8), significative',
    );
    expect(text).toContain(
      'Meilleure équipe : Support (+50, n = 40) · Équipe la plus en retrait : Ventes (-17, n = 30)',
    );
    expect(text).toContain(
      'Suivi de 12 détracteurs : 83,3 % avec une tâche · 66,7 % client joint · 50 % résolu · première action médiane 2 h 10 min (p90 1 j 3 h) · résolution médiane 1 j (p90 2 j) · 2 délais dépassés',
    );
    expect(text).toContain('Détracteurs\n- "<b>trop lent</b>" (2)');
    expect(text).toContain('CES 2,15 (IC 95 % : 1,71 à 2,59)');
    expect(text).toContain(
      '12 réponses · taux de réponse – · échelle 1–5, plus bas = mieux · moins de 30 réponses : à lire avec prudence',
    );
    expect(text).toContain('pas de comparaison (aucune réponse la semaine précédente)');
    expect(text).toContain('Tâches ouvertes : 14 · résolues : 9 · en retard actuellement : 1');
    expect(text).toContain(
      'Échantillon de contrôle : http://retour.test/api/v1/reports/sample?week=2026-W43',
    );
    expect(text).not.toMatch(/\b(answers|interval|Change|Follow-up)\b/);
    expect(mail.html).toContain('<html lang="fr">');
    expect(mail.html).toContain('&lt;b&gt;trop lent&lt;/b&gt;');
    expect(mail.html).toContain(
      'href="http://retour.test/app/reports?type=ces&from=2026-10-19&to=2026-10-25"',
    );
  });

  it('when the workspace speaks English, then the same content reads in English', () => {
    const view = digestView(digest, { workspace: 'Acme', timezone: ZONE, locale: 'en' });
    expect(view.subject).toBe('Acme — weekly digest 2026-W43');
    expect(view.period).toBe('19 October 2026 to 25 October 2026 (Europe/Paris)');
    const [nps] = view.sections;
    expect(nps!.headline).toBe('NPS +32 (95% interval: +21 to +43)');
    expect(nps!.change).toBe(
      'Change vs previous week: -8.5 (95% interval: -15.2 to -1.8), significant',
    );
    expect(nps!.segments).toEqual([
      'Best team: Support (+50, n = 40) · Worst team: Ventes (-17, n = 30)',
    ]);
    expect(seen(nps!.followUp!)).toBe(
      'Follow-up of 12 detractors: 83.3% with a task · 66.7% contacted · 50% resolved · first action median 2 h 10 min (p90 1 d 3 h) · resolution median 1 d (p90 2 d) · 2 SLA breaches',
    );
    expect(view.sections[1]!.followUp).toBeNull();
  });

  it('when nobody answered, then the digest says so in the workspace language', () => {
    const empty = { ...digest, sections: [] };
    const fr = renderDigest(empty, { workspace: 'B', timezone: ZONE, locale: 'fr' });
    expect(fr.text).toContain('Aucune réponse cette semaine.');
    const en = renderDigest(empty, { workspace: 'B', timezone: ZONE, locale: 'en' });
    expect(en.text).toContain('No answers this week.');
  });
});

const card: AgentCardContent = {
  week,
  agent: { id: '0123456789abcdef01234567', email: 'lea@boulangerie.test', name: 'Léa' },
  sections: [
    {
      type: 'nps',
      label: 'NPS',
      ...NPS,
      score: {
        score: 50,
        n: 40,
        ci95: [27.1, 72.9],
        method: 'adjusted-wald',
        counts: {},
        lowN: false,
      },
      responseRate: 80,
      team: {
        name: 'Support',
        restOfTeam: {
          score: -70,
          n: 10,
          ci95: [-95.2, -44.8],
          method: 'adjusted-wald',
          counts: {},
          lowN: true,
        },
        difference: { difference: 120, ci95: [85.3, 154.7], significant: true },
      },
      followUp: followUp({
        detractors: 1,
        shares: { withTask: 100, contacted: 100, resolved: 100 },
      }),
      comments: [
        { score: 1, category: 'detractor', comment: 'rude', at: new Date('2026-10-23T10:00:00Z') },
      ],
    },
  ],
  inboxUrl: 'http://retour.test/app/inbox',
};

describe('agent report card view', () => {
  it('when the workspace speaks French, then the card is French, from subject to inbox link', () => {
    const mail = renderAgentCard(card, { workspace: 'Boulangerie', timezone: ZONE, locale: 'fr' });
    expect(mail.subject).toBe('Boulangerie — votre bilan hebdomadaire 2026-W43');
    const text = seen(mail.text);
    expect(text).toContain('Léa, votre semaine 2026-W43');
    expect(text).toContain('NPS +50 (IC 95 % : +27 à +73)');
    expect(text).toContain('Reste de l’équipe Support : -70 (IC 95 % : -95 à -45)');
    expect(text).toContain(
      'Écart avec le reste de l’équipe : +120 (IC 95 % : +85,3 à +154,7), significatif',
    );
    expect(text).toContain('Suivi de 1 détracteur : 100 % avec une tâche');
    expect(text).toContain('Vos commentaires récents\n- "rude" (1, 23 octobre 2026)');
    expect(text).toContain('Ouvrir votre boîte de suivi : http://retour.test/app/inbox');
    expect(mail.html).toContain('href="http://retour.test/app/inbox"');
  });

  it('when the agent had no answers, then the English card says so and still links the inbox', () => {
    const mail = renderAgentCard(
      { ...card, sections: [] },
      { workspace: 'Acme', timezone: ZONE, locale: 'en' },
    );
    expect(mail.subject).toBe('Acme — your weekly report card 2026-W43');
    expect(mail.text).toContain('Léa, your week 2026-W43');
    expect(mail.text).toContain('No answers this week.');
    expect(mail.text).toContain('Open your follow-up inbox: http://retour.test/app/inbox');
  });
});

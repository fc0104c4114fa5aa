import type { SurveyKind } from '../reports/score-figures';
import { NBSP, type DigestLocale } from './digest-format';

export type SegmentDimension = 'team' | 'agent' | 'channel' | 'product' | 'region' | 'reason';

/** Every word the digest and the agent card say, one language per block. */
export interface DigestText {
  digestSubject: (workspace: string, week: string) => string;
  cardSubject: (workspace: string, week: string) => string;
  digestHeading: (workspace: string, week: string) => string;
  cardHeading: (name: string, week: string) => string;
  period: (from: string, to: string, zone: string) => string;
  noAnswers: string;
  answers: (n: number, shown: string) => string;
  responseRate: string;
  lowN: string;
  scale: (min: number, max: number, lowerBetter: boolean) => string;
  change: string;
  noComparison: string;
  /** Said of a change (an "évolution" in French). */
  changeSignificant: (yes: boolean) => string;
  /** Said of a difference with the team (an "écart" in French). */
  differenceSignificant: (yes: boolean) => string;
  best: Record<SegmentDimension, string>;
  worst: Record<SegmentDimension, string>;
  categories: Record<string, string>;
  followUpHeading: string;
  tasks: (opened: string, resolved: string, overdue: string) => string;
  /** The unhappy answers of each survey type, [one, several]. */
  unhappy: Record<SurveyKind, [string, string]>;
  followUp: (
    detractors: string,
    unhappy: string,
    withTask: string,
    contacted: string,
    resolved: string,
  ) => string;
  firstAction: string;
  resolution: string;
  median: string;
  slaBreaches: (n: number, shown: string) => string;
  dashboard: string;
  sample: string;
  digestFooter: (workspace: string) => string;
  team: (name: string) => string;
  difference: string;
  yourComments: string;
  noComments: string;
  inbox: string;
  cardFooter: (workspace: string) => string;
}

const en: DigestText = {
  digestSubject: (ws, week) => `${ws} — weekly digest ${week}`,
  cardSubject: (ws, week) => `${ws} — your weekly report card ${week}`,
  digestHeading: (ws, week) => `${ws} — week ${week}`,
  cardHeading: (name, week) => `${name}, your week ${week}`,
  period: (from, to, zone) => `${from} to ${to} (${zone})`,
  noAnswers: 'No answers this week.',
  answers: (n, shown) => `${shown} answer${n === 1 ? '' : 's'}`,
  responseRate: 'response rate',
  lowN: 'fewer than 30 answers: read with care',
  scale: (min, max, lowerBetter) =>
    `scale ${min}–${max}, ${lowerBetter ? 'lower' : 'higher'} is better`,
  change: 'Change vs previous week',
  noComparison: 'no comparison (no answers the week before)',
  changeSignificant: (yes) => (yes ? 'significant' : 'not significant'),
  differenceSignificant: (yes) => (yes ? 'significant' : 'not significant'),
  best: {
    team: 'Best team',
    agent: 'Best agent',
    channel: 'Best channel',
    product: 'Best product',
    region: 'Best region',
    reason: 'Best reason for contact',
  },
  worst: {
    team: 'Worst team',
    agent: 'Worst agent',
    channel: 'Worst channel',
    product: 'Worst product',
    region: 'Worst region',
    reason: 'Worst reason for contact',
  },
  categories: {
    promoter: 'Promoters',
    passive: 'Passives',
    detractor: 'Detractors',
    satisfied: 'Satisfied',
    neutral: 'Neutral',
    unsatisfied: 'Unsatisfied',
    easy: 'Easy',
    hard: 'Hard',
  },
  followUpHeading: 'Follow-up',
  tasks: (opened, resolved, overdue) =>
    `Tasks opened: ${opened} · resolved: ${resolved} · overdue now: ${overdue}`,
  unhappy: {
    nps: ['detractor', 'detractors'],
    csat: ['unsatisfied answer', 'unsatisfied answers'],
    ces: ['high-effort answer', 'high-effort answers'],
  },
  followUp: (n, unhappy, withTask, contacted, resolved) =>
    `Follow-up of ${n} ${unhappy}: ${withTask} with a task · ${contacted} contacted · ${resolved} resolved`,
  firstAction: 'first action',
  resolution: 'resolution',
  median: 'median',
  slaBreaches: (n, shown) => `${shown} SLA breach${n === 1 ? '' : 'es'}`,
  dashboard: 'Dashboard for the week',
  sample: 'Spot-check sample',
  digestFooter: (ws) => `You receive this digest as a manager or admin of ${ws} on Retour.`,
  team: (name) => `Rest of team ${name}`,
  difference: 'You vs the rest of the team',
  yourComments: 'Your recent comments',
  noComments: 'No comments this week.',
  inbox: 'Open your follow-up inbox',
  cardFooter: (ws) =>
    `You receive this report card as an agent of ${ws} on Retour. It shows your own answers only.`,
};

const fr: DigestText = {
  digestSubject: (ws, week) => `${ws} — synthèse hebdomadaire ${week}`,
  cardSubject: (ws, week) => `${ws} — votre bilan hebdomadaire ${week}`,
  digestHeading: (ws, week) => `${ws} — semaine ${week}`,
  cardHeading: (name, week) => `${name}, votre semaine ${week}`,
  period: (from, to, zone) => `du ${from} au ${to} (${zone})`,
  noAnswers: 'Aucune réponse cette semaine.',
  answers: (n, shown) => `${shown} réponse${n > 1 ? 's' : ''}`,
  responseRate: 'taux de réponse',
  lowN: `moins de 30 réponses${NBSP}: à lire avec prudence`,
  scale: (min, max, lowerBetter) =>
    `échelle ${min}–${max}, ${lowerBetter ? 'plus bas' : 'plus haut'} = mieux`,
  change: 'Évolution par rapport à la semaine précédente',
  noComparison: 'pas de comparaison (aucune réponse la semaine précédente)',
  changeSignificant: (yes) => (yes ? 'significative' : 'non significative'),
  differenceSignificant: (yes) => (yes ? 'significatif' : 'non significatif'),
  best: {
    team: 'Meilleure équipe',
    agent: 'Meilleur agent',
    channel: 'Meilleur canal',
    product: 'Meilleur produit',
    region: 'Meilleure région',
    reason: 'Meilleur motif de contact',
  },
  worst: {
    team: 'Équipe la plus en retrait',
    agent: 'Agent le plus en retrait',
    channel: 'Canal le plus en retrait',
    product: 'Produit le plus en retrait',
    region: 'Région la plus en retrait',
    reason: 'Motif de contact le plus en retrait',
  },
  categories: {
    promoter: 'Promoteurs',
    passive: 'Passifs',
    detractor: 'Détracteurs',
    satisfied: 'Satisfaits',
    neutral: 'Neutres',
    unsatisfied: 'Insatisfaits',
    easy: 'Faciles',
    hard: 'Difficiles',
  },
  followUpHeading: 'Suivi',
  tasks: (opened, resolved, overdue) =>
    `Tâches ouvertes${NBSP}: ${opened} · résolues${NBSP}: ${resolved} · en retard actuellement${NBSP}: ${overdue}`,
  unhappy: {
    nps: ['détracteur', 'détracteurs'],
    csat: ['réponse insatisfaite', 'réponses insatisfaites'],
    ces: [`réponse «${NBSP}effort élevé${NBSP}»`, `réponses «${NBSP}effort élevé${NBSP}»`],
  },
  followUp: (n, unhappy, withTask, contacted, resolved) =>
    `Suivi de ${n} ${unhappy}${NBSP}: ${withTask} avec une tâche · ${contacted} client joint · ${resolved} résolu`,
  firstAction: 'première action',
  resolution: 'résolution',
  median: 'médiane',
  slaBreaches: (n, shown) => `${shown} délai${n > 1 ? 's' : ''} dépassé${n > 1 ? 's' : ''}`,
  dashboard: 'Tableau de bord de la semaine',
  sample: 'Échantillon de contrôle',
  digestFooter: (ws) =>
    `Vous recevez cette synthèse en tant que responsable ou administrateur de ${ws} sur Retour.`,
  team: (name) => `Reste de l’équipe ${name}`,
  difference: 'Écart avec le reste de l’équipe',
  yourComments: 'Vos commentaires récents',
  noComments: 'Aucun commentaire cette semaine.',
  inbox: 'Ouvrir votre boîte de suivi',
  cardFooter: (ws) =>
    `Vous recevez ce bilan en tant qu’agent de ${ws} sur Retour. Il ne montre que vos propres réponses.`,
};

export const DIGEST_TEXT: Record<DigestLocale, DigestText> = { en, fr };

/** The workspace's default locale picks the language; anything else falls back to English. */
export function digestText(locale: string): { locale: DigestLocale; text: DigestText } {
  const key: DigestLocale = locale.toLowerCase().split('-')[0] === 'fr' ? 'fr' : 'en';
  return { locale: key, text: DIGEST_TEXT[key] };
}

import type { AlertDimension } from './segment-figures';

export type AlertLocale = 'en' | 'fr';

/** Staff emails exist in English and French: the workspace language's own, else English. */
export function alertLocaleOf(locale: string): AlertLocale {
  return locale.toLowerCase().split('-')[0] === 'fr' ? 'fr' : 'en';
}

/** The alert e-mail's words, per locale; numbers and dates are formatted by alert-render. */
export const ALERT_TEXT = {
  en: {
    subject: (workspace: string, score: string, segment: string, day: string) =>
      `${workspace} — ${score} alert: ${segment}, ${day}`,
    overall: 'all answers',
    dimensions: {
      agent: 'agent',
      team: 'team',
      channel: 'channel',
      product: 'product',
      region: 'region',
      reason: 'reason',
    },
    headline: (score: string, segment: string) => `${score} dropped: ${segment}`,
    lead: (score: string, day: string) =>
      `${score} on ${day} is significantly worse than its level over the previous 4 weeks.`,
    soFar: (time: string, zone: string) => `The day is not over: figures at ${time} (${zone}).`,
    segment: 'Segment',
    thatDay: 'That day',
    trailing: (from: string, to: string) => `Previous 4 weeks (${from} – ${to})`,
    difference: 'Difference',
    interval: (lo: string, hi: string) => `95% interval ${lo} to ${hi}`,
    answers: (n: number) => `${n} answer${n === 1 ? '' : 's'}`,
    scale: (score: string, min: number, max: number, lowerBetter: boolean) =>
      `${score} scale ${min}–${max}, ${lowerBetter ? 'lower' : 'higher'} is better.`,
    open: 'See these answers on the dashboard',
    footer: (workspace: string) =>
      `You receive this alert as a manager or admin of ${workspace} on Retour (at most one per segment and day).`,
  },
  fr: {
    subject: (workspace: string, score: string, segment: string, day: string) =>
      `${workspace} — alerte ${score} : ${segment}, ${day}`,
    overall: 'toutes les réponses',
    dimensions: {
      agent: 'agent',
      team: 'équipe',
      channel: 'canal',
      product: 'produit',
      region: 'région',
      reason: 'motif',
    },
    headline: (score: string, segment: string) => `${score} en baisse : ${segment}`,
    lead: (score: string, day: string) =>
      `Le ${score} du ${day} est significativement moins bon que son niveau des 4 semaines précédentes.`,
    soFar: (time: string, zone: string) =>
      `La journée n’est pas finie : chiffres à ${time} (${zone}).`,
    segment: 'Segment',
    thatDay: 'Ce jour-là',
    trailing: (from: string, to: string) => `4 semaines précédentes (${from} – ${to})`,
    difference: 'Écart',
    interval: (lo: string, hi: string) => `intervalle à 95 % de ${lo} à ${hi}`,
    answers: (n: number) => `${n} réponse${n > 1 ? 's' : ''}`,
    scale: (score: string, min: number, max: number, lowerBetter: boolean) =>
      `Échelle ${score} de ${min} à ${max}, ${lowerBetter ? 'plus bas' : 'plus haut'} = mieux.`,
    open: 'Voir ces réponses dans le tableau de bord',
    footer: (workspace: string) =>
      `Vous recevez cette alerte en tant que manager ou admin de ${workspace} sur Retour (au plus une par segment et par jour).`,
  },
} satisfies Record<
  AlertLocale,
  { dimensions: Record<Exclude<AlertDimension, 'overall'>, string> } & Record<string, unknown>
>;

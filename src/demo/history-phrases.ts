/**
 * What demo customers write, in French and English: short and long, with accents, by how the
 * answer went and what it was about. Agents' notes and outcome comments for follow-ups too.
 */
export type Mood = 'good' | 'mixed' | 'bad';
type Pool = Record<'fr' | 'en', readonly string[]>;

export const COMMENTS: Record<Mood, Pool> = {
  good: {
    fr: [
      'Très bon accueil, merci !',
      'Rapide et efficace.',
      'Conseillère très à l’écoute, problème réglé en cinq minutes.',
      'Parfait, rien à redire.',
      'Merci pour votre réactivité 👍',
      'Service client au top, je recommande.',
      'On m’a rappelé comme promis, c’est appréciable.',
      'Explications claires, même pour quelqu’un qui n’y connaît rien.',
      'Enfin un service client qui répond vite !',
      'Très satisfait de l’échange.',
    ],
    en: [
      'Quick and friendly, thank you!',
      'Sorted in minutes.',
      'Great service, the agent knew exactly what to do.',
      'Very helpful and patient.',
      'Called back exactly when promised.',
      'Clear explanations, no jargon.',
      'Best support experience I have had in years.',
      'Thanks, all good now 😊',
    ],
  },
  mixed: {
    fr: [
      'Correct, mais un peu d’attente au téléphone.',
      'Le problème est réglé, mais il a fallu relancer deux fois.',
      'Bien, sans plus.',
      'Réponse juste mais un peu sèche.',
      'Satisfait du résultat, moins du délai.',
      'Ça va, même si j’aurais aimé être prévenu plus tôt.',
    ],
    en: [
      'Fine, but the wait was long.',
      'Solved in the end, after two follow-ups.',
      'OK, nothing special.',
      'Helpful agent, but the website is confusing.',
      'Good result, slow process.',
    ],
  },
  bad: {
    fr: [
      'Trop d’attente, personne ne rappelle.',
      'Toujours pas résolu après trois appels.',
      'Très déçu, on me renvoie d’un service à l’autre.',
      'Réponse à côté de la question.',
      'Je vais finir par résilier.',
      'Facture incompréhensible et personne pour l’expliquer.',
      'Conseiller pressé, problème pas réglé.',
      'Inadmissible : quarante minutes d’attente pour rien.',
    ],
    en: [
      'Waited far too long, nobody called back.',
      'Still not fixed after three calls.',
      'Passed from one department to another.',
      'The answer did not address my question.',
      'Thinking about cancelling.',
      'Nobody could explain my bill.',
      'Rude and in a hurry.',
    ],
  },
};

/** Topic lines that make a comment say what it was about, by how the answer went. */
export const TOPIC_COMMENTS: Record<string, Partial<Record<Mood, Pool>>> = {
  outage: {
    bad: {
      fr: [
        'Coupure de fibre depuis lundi, aucune information sur la date de rétablissement.',
        'Panne internet toute la semaine, je télétravaille : c’est intenable.',
        'Troisième coupure en quelques jours, et toujours pas de technicien.',
      ],
      en: [
        'Fibre down since Monday and no word on when it comes back.',
        'Internet outage all week while I work from home.',
        'Third outage in a few days, still no engineer.',
      ],
    },
    mixed: {
      fr: ['La panne a été longue, mais le conseiller m’a tenu informé.'],
      en: ['The outage was long, but the agent kept me posted.'],
    },
  },
  billing: {
    good: {
      fr: ['Le remboursement a été fait rapidement.', 'Erreur de facture corrigée tout de suite.'],
      en: ['The refund came quickly.', 'Billing mistake fixed on the spot.'],
    },
    bad: {
      fr: [
        'Prélevé deux fois ce mois-ci.',
        'Je ne comprends toujours pas la ligne « frais de service ».',
      ],
      en: ['Charged twice this month.', 'Still puzzled by the fees line.'],
    },
  },
  cancellation: {
    good: { fr: ['Résiliation simple, merci.'], en: ['Cancellation was easy, thanks.'] },
    bad: {
      fr: ['Impossible de résilier en ligne, il faut appeler.'],
      en: ['Could not cancel online, had to call.'],
    },
  },
  delivery: {
    good: {
      fr: ['Colis livré en avance, box installée seule.'],
      en: ['Parcel arrived early, easy setup.'],
    },
    bad: {
      fr: ['Livreur introuvable, colis en relais.'],
      en: ['The courier never rang, parcel went to a depot.'],
    },
  },
  effort: {
    good: {
      fr: ['Tout s’est fait en ligne, très simple.'],
      en: ['Everything done online, very easy.'],
    },
    bad: {
      fr: ['J’ai dû répéter mon numéro client trois fois.', 'Le formulaire plante sur mobile.'],
      en: ['Had to repeat my customer number three times.', 'The form breaks on my phone.'],
    },
  },
};

/** A long comment: several sentences, as some customers write. */
export const LONG_ENDINGS: Pool = {
  fr: [
    'Je suis client depuis huit ans et c’est la première fois que je dois me plaindre, j’espère que ce sera remonté.',
    'Au-delà de ce souci, l’équipe a été polie et j’ai compris qu’elle faisait son possible avec les outils qu’elle a.',
    'Petite suggestion : envoyer un SMS quand le dossier avance éviterait beaucoup d’appels inutiles, pour vous comme pour nous.',
  ],
  en: [
    'I have been a customer for eight years and this is the first time I have had to complain; I hope it gets passed on.',
    'Apart from that, the team was polite and clearly doing their best with the tools they have.',
    'A small suggestion: a text message when the case moves on would save a lot of calls, for you and for us.',
  ],
};

export const TASK_NOTES: readonly string[] = [
  'Appelé, messagerie : message laissé.',
  'Client rappelé, geste commercial proposé.',
  'Rappel prévu demain matin à sa demande.',
  'Escaladé au niveau 2 (technicien).',
  'Called, no answer; left a voicemail.',
  'Spoke to the customer, credit applied to next bill.',
  'Waiting on the field team for an appointment.',
];

export const OUTCOME_COMMENTS: readonly string[] = [
  'Avoir de 10 € accordé.',
  'Technicien passé, ligne rétablie.',
  'Client injoignable après trois essais.',
  'Explication de la facture, client rassuré.',
  'Refund issued, customer happy.',
  'Replaced the router; working again.',
  'Could not reach the customer.',
];

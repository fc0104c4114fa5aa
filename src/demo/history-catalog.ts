/**
 * What the demo company sells and hears about: products with their monthly revenue, regions,
 * contact reasons per team, and the customers' first and last names. Weights are relative.
 */
type Weighted<T> = readonly (readonly [T, number])[];

export interface Product {
  name: string;
  /** Monthly recurring revenue (EUR) of the plans of this product. */
  plans: readonly number[];
}

export const PRODUCTS: Weighted<Product> = [
  [{ name: 'Fibre', plans: [29.99, 39.99, 49.99] }, 40],
  [{ name: 'Mobile', plans: [9.99, 19.99, 24.99] }, 33],
  [{ name: 'TV', plans: [14.99, 24.99] }, 15],
  [{ name: 'Pro', plans: [89, 149, 249] }, 12],
];

export const REGIONS: Weighted<string> = [
  ['Île-de-France', 30],
  ['Auvergne-Rhône-Alpes', 14],
  ['Provence-Alpes-Côte d’Azur', 12],
  ['Hauts-de-France', 10],
  ['Occitanie', 10],
  ['Nouvelle-Aquitaine', 10],
  ['Grand Est', 8],
  ['Bretagne', 6],
];

export interface Reason {
  name: string;
  /** How the reason moves satisfaction (tilt added to the score model; 0 is neutral). */
  mood: number;
}

/** Reasons per team; an agent of another team draws from all of them. */
export const REASONS_BY_TEAM: Record<string, Weighted<Reason>> = {
  billing: [
    [{ name: 'billing', mood: -0.25 }, 45],
    [{ name: 'plan change', mood: 0.2 }, 35],
    [{ name: 'cancellation', mood: -0.7 }, 20],
  ],
  support: [
    [{ name: 'technical issue', mood: -0.15 }, 50],
    [{ name: 'installation', mood: 0 }, 25],
    [{ name: 'question', mood: 0.3 }, 25],
  ],
};
export const ALL_REASONS: Weighted<Reason> = Object.values(REASONS_BY_TEAM).flat();
export const DELIVERY_REASON: Reason = { name: 'delivery', mood: -0.05 };

/** Where the interaction happened, and on which survey channels it is then asked. */
export interface InteractionKind {
  type: string;
  channel: string;
  hasAgent: boolean;
  /** Survey channel → weight. */
  surveyChannels: Weighted<'sms' | 'whatsapp' | 'email' | 'link'>;
  mood: number;
}

export const INTERACTION_KINDS: Weighted<InteractionKind> = [
  [
    {
      type: 'ticket.solved',
      channel: 'phone',
      hasAgent: true,
      surveyChannels: [
        ['sms', 60],
        ['whatsapp', 28],
        ['email', 12],
      ],
      mood: 0,
    },
    32,
  ],
  [
    {
      type: 'ticket.solved',
      channel: 'email',
      hasAgent: true,
      surveyChannels: [
        ['email', 80],
        ['sms', 20],
      ],
      mood: -0.1,
    },
    24,
  ],
  [
    {
      type: 'chat.closed',
      channel: 'chat',
      hasAgent: true,
      surveyChannels: [
        ['link', 55],
        ['whatsapp', 20],
        ['sms', 25],
      ],
      mood: 0.15,
    },
    30,
  ],
  [
    {
      type: 'order.delivered',
      channel: 'shop',
      hasAgent: false,
      surveyChannels: [
        ['email', 55],
        ['sms', 45],
      ],
      mood: 0.1,
    },
    14,
  ],
];

/** Survey types asked, by share of interactions. */
export const SURVEY_MIX: Weighted<'nps' | 'csat' | 'ces'> = [
  ['nps', 55],
  ['csat', 30],
  ['ces', 15],
];

/** Per survey channel: share of sends that fail, and share of the rest that get an answer. */
export const CHANNEL_FATE: Record<string, { failed: number; answered: number; receipt: boolean }> =
  {
    sms: { failed: 0.04, answered: 0.42, receipt: true },
    whatsapp: { failed: 0.03, answered: 0.55, receipt: true },
    email: { failed: 0.03, answered: 0.3, receipt: false },
    link: { failed: 0, answered: 0.5, receipt: false },
  };

export const FIRST_NAMES_FR = [
  'Camille',
  'Léa',
  'Chloé',
  'Manon',
  'Inès',
  'Zoé',
  'Élise',
  'Anaïs',
  'Hélène',
  'Margaux',
  'Lucas',
  'Hugo',
  'Théo',
  'Louis',
  'Jérôme',
  'François',
  'Benoît',
  'Noé',
  'Raphaël',
  'Gaëtan',
  'Amélie',
  'Céline',
  'Joël',
  'Loïc',
  'Maëlle',
  'Clément',
  'Sébastien',
  'Océane',
  'Aurélie',
  'Yannick',
];
export const LAST_NAMES_FR = [
  'Martin',
  'Bernard',
  'Dubois',
  'Thomas',
  'Robert',
  'Richard',
  'Petit',
  'Durand',
  'Leroy',
  'Moreau',
  'Simon',
  'Laurent',
  'Lefèvre',
  'Michel',
  'Garcia',
  'David',
  'Bertrand',
  'Roux',
  'Vincent',
  'Fournier',
  'Morel',
  'Girard',
  'André',
  'Mercier',
  'Dupont',
  'Lambert',
  'Bonnet',
  'François',
  'Martinez',
  'Légaré',
];
export const FIRST_NAMES_EN = [
  'Olivia',
  'Emma',
  'Amelia',
  'Grace',
  'Sophie',
  'Hannah',
  'Chloe',
  'Ruby',
  'Isla',
  'Freya',
  'Oliver',
  'George',
  'Harry',
  'Jack',
  'Noah',
  'James',
  'William',
  'Samuel',
  'Daniel',
  'Aidan',
];
export const LAST_NAMES_EN = [
  'Smith',
  'Jones',
  'Taylor',
  'Brown',
  'Williams',
  'Wilson',
  'Johnson',
  'Davies',
  'Evans',
  'Walker',
  'Wright',
  'Thompson',
  'Roberts',
  'Hughes',
  "O'Brien",
  'Green',
  'Hall',
  'Clarke',
  'Murphy',
  'Kelly',
];

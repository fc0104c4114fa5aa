import type { RuleInput } from './rules.schema';

/** What every new workspace starts with; admins edit or switch them off. */
export const DEFAULT_RULES: RuleInput[] = [
  {
    name: 'NPS detractor → follow-up task for the agent',
    priority: 10,
    conditions: {
      all: [
        { field: 'surveyType', op: 'eq', value: 'nps' },
        { field: 'category', op: 'eq', value: 'detractor' },
      ],
    },
    actions: [
      {
        type: 'create_task',
        assign: { strategy: 'interaction_agent' },
        priority: 'high',
        sla: { businessHours: 24 },
      },
    ],
  },
  {
    name: 'CSAT 1–2 → follow-up task for the agent',
    priority: 20,
    conditions: {
      all: [
        { field: 'surveyType', op: 'eq', value: 'csat' },
        { field: 'score', op: 'lte', value: 2 },
      ],
    },
    actions: [
      {
        type: 'create_task',
        assign: { strategy: 'interaction_agent' },
        priority: 'high',
        sla: { businessHours: 24 },
      },
    ],
  },
  {
    name: 'NPS promoter → thank-you message',
    priority: 30,
    conditions: {
      all: [
        { field: 'surveyType', op: 'eq', value: 'nps' },
        { field: 'category', op: 'eq', value: 'promoter' },
      ],
    },
    actions: [
      {
        type: 'send_message',
        text: {
          en: 'Thank you{{#if customerName}} {{customerName}}{{/if}} for your kind words! The {{company}} team',
          fr: 'Merci{{#if customerName}} {{customerName}}{{/if}} pour votre retour ! L’équipe {{company}}',
        },
      },
    ],
  },
];

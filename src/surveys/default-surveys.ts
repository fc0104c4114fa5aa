import { BUILT_IN_TEXTS, type SurveyTypeTexts } from './built-in-texts';
import type { SurveyType } from './survey-types';
import type { SurveyInput } from './surveys.schema';

const languages = Object.entries(BUILT_IN_TEXTS);

/** One text per built-in language. */
function each(pick: (texts: (typeof BUILT_IN_TEXTS)[keyof typeof BUILT_IN_TEXTS]) => string) {
  return Object.fromEntries(languages.map(([locale, texts]) => [locale, pick(texts)]));
}

function survey(key: SurveyType, name: string): SurveyInput {
  const of = (texts: (typeof BUILT_IN_TEXTS)['en']): SurveyTypeTexts => texts[key];
  return {
    key,
    type: key,
    name,
    question: each((t) => of(t).question),
    followUpQuestion: each((t) => of(t).followUp),
    thankYou: each((t) => t.thankYou),
    templates: { sms: each((t) => of(t).sms) },
  };
}

/**
 * Every workspace starts with one survey per type, worded in every built-in language (the
 * standard NPS, CSAT and CES questions; see src/surveys/built-in-texts).
 */
export const DEFAULT_SURVEYS: SurveyInput[] = [
  survey('nps', 'Net Promoter Score'),
  survey('csat', 'Customer satisfaction'),
  survey('ces', 'Customer effort'),
];

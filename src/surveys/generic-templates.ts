import { BUILT_IN_TEXTS } from './built-in-texts';
import type { Localized } from './survey-types';

type GenericTemplate = 'chat' | 'emailSubject' | 'emailText' | 'reminder';

const perLanguage = (name: GenericTemplate): Localized =>
  Object.fromEntries(
    Object.entries(BUILT_IN_TEXTS).map(([locale, texts]) => [locale, texts.templates[name]]),
  );

/** Used for any channel template a survey does not set itself. SMS-bound texts stay GSM-7. */
export const GENERIC_TEMPLATES: Record<GenericTemplate, Localized> = {
  chat: perLanguage('chat'),
  emailSubject: perLanguage('emailSubject'),
  emailText: perLanguage('emailText'),
  reminder: perLanguage('reminder'),
};

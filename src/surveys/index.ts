export {
  createSurveysService,
  draftSurveyView,
  type SurveyDraft,
  type SurveysService,
  type SurveyView,
  type TemplateName,
} from './surveys.service';
export { surveysRoutes } from './surveys.routes';
export { DEFAULT_SURVEYS } from './default-surveys';
export { GENERIC_TEMPLATES } from './generic-templates';
export { surveyInput, surveyPatch } from './surveys.schema';
export {
  SURVEY_TYPES,
  LOCALES,
  pickLocale,
  builtInLocale,
  type SurveyType,
  type Locale,
  type Localized,
} from './survey-types';
export { BUILT_IN_TEXTS, type BuiltInTexts, type ScaleWords } from './built-in-texts';

export {
  createSurveysService,
  type SurveysService,
  type SurveyView,
  type TemplateName,
} from './surveys.service';
export { surveysRoutes } from './surveys.routes';
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

export type {
  DataSubject,
  PersonalDataHolder,
  SubjectBase,
  SubjectLinks,
} from './personal-data-holder';
export { ERASED, scrubDeep, scrubText, subjectSecrets } from './scrub-text';
export { createPrivacyService, type PrivacyService } from './privacy.service';
export { privacyRoutes } from './privacy.routes';

export type {
  DataSubject,
  PersonalDataHolder,
  SubjectBase,
  SubjectLinks,
} from '../shared/personal-data/personal-data-holder';
export { ERASED, scrubDeep, scrubText, subjectSecrets } from '../shared/personal-data/scrub-text';
export { createPrivacyService, type PrivacyService } from './privacy.service';
export { privacyRoutes } from './privacy.routes';
export { auditRoutes } from './audit.routes';
export { auditPageRoutes } from './audit-page.routes';
export { contactPagesRoutes } from './contact-pages.routes';

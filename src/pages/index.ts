export * from './app-pages';
export * from './survey-pages';
export * from './error-pages';
export * from './formatting';
export * from './i18n';
export * from './request-locale';

export * from './app-pages';
export * from './survey-pages';

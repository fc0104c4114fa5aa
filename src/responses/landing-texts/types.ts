export type { LandingChrome } from './en';

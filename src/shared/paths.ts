import path from 'node:path';

/** The project root, both from src/ (tsx, jest) and from dist/src/ (the built server). */
const here = path.resolve(__dirname, '../..');
export const PROJECT_ROOT = path.basename(here) === 'dist' ? path.dirname(here) : here;
export const VIEWS_DIR = path.join(PROJECT_ROOT, 'views');

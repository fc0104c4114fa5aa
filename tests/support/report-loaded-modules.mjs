// Preloaded (`node --import`) into a Retour process by tests/process/tracing.test.ts: on exit,
// writes every CommonJS module the process loaded (require.cache, shared by every require) with
// the module that first required it to LOADED_MODULES_FILE, so a test can tell whether a
// package was ever loaded, and by whom.
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const file = process.env.LOADED_MODULES_FILE;
if (file) {
  process.on('exit', () => {
    const modules = Object.entries(require.cache).map(([path, mod]) => ({
      path,
      parent: mod?.parent?.filename ?? null,
    }));
    writeFileSync(file, JSON.stringify(modules));
  });
}

import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import mongoose from 'mongoose';
import { registerModels } from '../../src/database/models';

const src = path.join(__dirname, '../../src');

/** Every model name compiled somewhere in src/ (`conn.model('Name', schema…)`, typed or not). */
function modelNamesInSources(): string[] {
  const files = readdirSync(src, { recursive: true, encoding: 'utf8' }).filter((f) =>
    f.endsWith('.ts'),
  );
  const names = files.flatMap((f) =>
    [
      ...readFileSync(path.join(src, f), 'utf8').matchAll(
        /\bconn\.model(?:<[^>(]*>)?\(\s*'(\w+)'/g,
      ),
    ].map((m) => m[1]!),
  );
  return [...new Set(names)].sort();
}

describe('the model registry (src/database/models.ts)', () => {
  it('when start-up builds or checks indexes, then it covers every model the sources compile', () => {
    // Never connected: compiling models needs no server, and nothing is created or indexed.
    const conn = mongoose.createConnection();
    conn.set('autoCreate', false);
    conn.set('autoIndex', false);
    const names = registerModels(conn)
      .map((m) => m.modelName)
      .sort();
    expect(names).toEqual(modelNamesInSources());
    expect(names.length).toBeGreaterThan(25);
  });
});

import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

/**
 * The layers of src/, lowest first. A module may import from its own component or from a
 * component of a lower layer, never from one of the same or a higher layer: imports only run
 * downward. A new directory under src/ has to be placed here before its tests pass.
 */
const LAYERS: readonly (readonly string[])[] = [
  ['tracing'],
  ['shared'],
  // The page shell (layout, CSP, rendering, i18n, error pages) and the condition language.
  // The audit trail's writer: every service records its changes through it.
  ['pages', 'conditions', 'audit'],
  ['channels', 'metrics', 'health'],
  ['workspaces'],
  ['contacts', 'surveys'],
  ['invitations'],
  ['triggers'],
  ['interactions'],
  ['responses'],
  // The console's survey editor previews with the dispatcher's and the landing page's renderers.
  ['tasks', 'survey-editor'],
  ['rules'],
  ['reports'],
  ['alerts', 'digest', 'connectors'],
  ['privacy', 'queue-dashboard', 'home'],
  // Whole-workspace export and import, and the importers of other tools' exports.
  ['transfer'],
  ['api-docs', 'database'],
  // The files directly in src/: the composition root, the app, the entry points.
  ['(entry)'],
  // Seeding a demo uses the whole house, as the CLI hands it over.
  ['demo'],
];

const SRC = path.resolve(__dirname, '../../src');
const rank = new Map(LAYERS.flatMap((layer, i) => layer.map((name) => [name, i] as const)));

/** The component a path under src/ belongs to: its first directory, or "(entry)". */
function componentOf(file: string): string {
  const parts = path.relative(SRC, file).split(path.sep);
  return parts.length === 1 ? '(entry)' : parts[0]!;
}

/** Relative specifiers of static imports, re-exports, `import('…')` and `require('…')`. */
function importSpecifiers(source: string): string[] {
  const found: string[] = [];
  const pattern = /\b(?:from|import|require)\s*\(?\s*['"](\.{1,2}\/[^'"]*|\.{1,2})['"]/g;
  for (const match of source.matchAll(pattern)) found.push(match[1]!);
  return found;
}

/** Where a relative specifier lands: a directory import means its index.ts. */
function resolveTarget(fromFile: string, specifier: string): string {
  const target = path.resolve(path.dirname(fromFile), specifier);
  try {
    if (statSync(target).isDirectory()) return path.join(target, 'index.ts');
  } catch {
    // Not a directory: a module file named without its extension.
  }
  return target.endsWith('.ts') ? target : `${target}.ts`;
}

interface Violation {
  file: string;
  specifier: string;
  from: string;
  to: string;
}

/** The upward or sideways imports of one file, given its path and its text. */
function violationsOf(file: string, source: string): Violation[] {
  const from = componentOf(file);
  const out: Violation[] = [];
  for (const specifier of importSpecifiers(source)) {
    const target = resolveTarget(file, specifier);
    if (!target.startsWith(SRC + path.sep)) continue; // config/, views/: outside the layers
    const to = componentOf(target);
    if (to === from) continue;
    const a = rank.get(from);
    const b = rank.get(to);
    if (a === undefined || b === undefined || b >= a) {
      out.push({ file: path.relative(SRC, file), specifier, from, to });
    }
  }
  return out;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

const at = (relative: string) => path.join(SRC, relative);

describe('import direction in src/', () => {
  it('places every directory of src/ in exactly one layer', () => {
    const dirs = readdirSync(SRC, { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => e.name)
      .sort();
    const placed = LAYERS.flat().filter((name) => name !== '(entry)');
    expect(new Set(placed).size).toBe(placed.length);
    expect(dirs).toEqual([...placed].sort());
  });

  it('finds static, type-only, multi-line, re-exported and dynamic imports', () => {
    const source = [
      "import { a } from '../x';",
      "import type { B } from './y';",
      'import {\n  c,\n  d,\n} from "../../z/w";',
      "export { e } from '..';",
      "const f = await import('./lazy');",
      "import 'node:fs';",
      "import express from 'express';",
    ].join('\n');
    expect(importSpecifiers(source)).toEqual(['../x', './y', '../../z/w', '..', './lazy']);
  });

  it.each([
    [
      'invitations/unsubscribe.routes.ts',
      "import { renderPage } from '../responses/landing-pages';",
    ],
    [
      'triggers/triggers.service.ts',
      "import { evaluateCondition } from '../rules/evaluate-rules';",
    ],
    ['triggers/triggers.schema.ts', "import { ruleBody } from '../rules';"],
    ['tasks/tasks.schema.ts', "import { ruleBody } from '../rules/rules.schema';"],
    ['shared/queues.ts', "import type { ChannelName } from '../channels/channel';"],
    ['pages/app-pages.ts', "import { seesWholeWorkspace } from '../workspaces';"],
    ['conditions/conditions.ts', "import { x } from '../pages';"],
    ['rules/rules.service.ts', "import { createApp } from '../app';"],
  ])('refuses an upward import in %s', (file, source) => {
    expect(violationsOf(at(file), source)).toHaveLength(1);
  });

  it.each([
    ['triggers/triggers.schema.ts', "import { conditionSchema } from '../conditions';"],
    ['invitations/unsubscribe.routes.ts', "import { renderPage } from '../pages';"],
    ['rules/rules.schema.ts', "import { TASK_PRIORITIES } from '../tasks';"],
    ['app.ts', "import { rulesRoutes } from './rules';"],
  ])('allows a downward import in %s', (file, source) => {
    expect(violationsOf(at(file), source)).toEqual([]);
  });

  it('has no upward or sideways import anywhere in src/', () => {
    const files = sourceFiles(SRC);
    expect(files.length).toBeGreaterThan(100);
    const violations = files.flatMap((file) => violationsOf(file, readFileSync(file, 'utf8')));
    expect(violations).toEqual([]);
  });
});

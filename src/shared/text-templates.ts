import Handlebars from 'handlebars';

/**
 * The one handlebars environment for texts a workspace writes (survey messages, landing texts,
 * rule messages): plain text, no HTML escaping (pages escape once when they insert it), no
 * `log` helper (it would write customer data to the server log), only the built-in helpers,
 * and the default runtime options, which deny prototype access.
 */
const env = Handlebars.create();
env.unregisterHelper('log');
env.unregisterHelper('helperMissing');
env.unregisterHelper('blockHelperMissing');

const COMPILE_OPTIONS: CompileOptions = {
  noEscape: true,
  strict: false,
  // An unknown helper ({{nohelper x}}) then fails when the text is compiled, not at send time.
  knownHelpersOnly: true,
  knownHelpers: { log: false, helperMissing: false, blockHelperMissing: false },
};

const CACHE_MAX = 1000;
const cache = new Map<string, HandlebarsTemplateDelegate>();

/** Renders a workspace text; a missing variable renders blank. Throws on a broken template. */
export function renderTemplate(template: string, vars: object): string {
  let fn = cache.get(template);
  if (!fn) {
    fn = env.compile(template, COMPILE_OPTIONS);
    if (cache.size >= CACHE_MAX) cache.clear();
    cache.set(template, fn);
  }
  return fn(vars);
}

/** Every variable any workspace text may use, with a plausible value. */
export const SAMPLE_VARS = {
  company: 'Example Company',
  customerName: 'Alex Martin',
  agentName: 'Sam Agent',
  link: 'https://retour.example/s/sample-token',
  score: 9,
  comment: 'Quick and friendly.',
  rewardCode: 'SAMPLE-CODE',
  rule: 'Sample rule',
  type: 'NPS',
  category: 'promoter',
  team: 'support',
  min: 0,
  max: 10,
  customer: { name: 'Alex Martin' },
  agent: { name: 'Sam Agent' },
};

/**
 * Why a workspace text would fail when rendered, or null: it is rendered against the sample
 * variables (reporting handlebars' own message), then its branches that sample data does not
 * reach are checked for what fails at render only (partials, decorators, built-in block
 * helpers without their argument).
 */
export function templateProblem(template: string, vars: object = SAMPLE_VARS): string | null {
  let ast: hbs.AST.Program;
  try {
    ast = Handlebars.parse(template);
    env.compile(template, COMPILE_OPTIONS)(vars);
  } catch (err) {
    return (err as Error).message.split('\n')[0] ?? 'is not a valid template';
  }
  return unreachedProblem(ast);
}

const ONE_ARGUMENT = new Set(['if', 'unless', 'with']);

function unreachedProblem(ast: hbs.AST.Program): string | null {
  const pending: unknown[] = [ast];
  while (pending.length) {
    const node = pending.pop();
    if (typeof node !== 'object' || node === null) continue;
    if (Array.isArray(node)) {
      pending.push(...(node as unknown[]));
      continue;
    }
    const problem = nodeProblem(node as { type?: unknown });
    if (problem) return problem;
    for (const [key, value] of Object.entries(node)) if (key !== 'loc') pending.push(value);
  }
  return null;
}

function nodeProblem(node: { type?: unknown }): string | null {
  if (node.type === 'PartialStatement' || node.type === 'PartialBlockStatement') {
    const name = (node as hbs.AST.PartialStatement).name as { original?: unknown };
    return `The partial ${String(name.original)} could not be found`;
  }
  if (node.type === 'Decorator' || node.type === 'DecoratorBlock') {
    return 'Decorators are not available in these texts';
  }
  if (node.type === 'BlockStatement') {
    const block = node as hbs.AST.BlockStatement;
    const name = (block.path as { original?: unknown }).original;
    if (typeof name === 'string' && ONE_ARGUMENT.has(name) && block.params.length !== 1) {
      return `#${name} requires exactly one argument`;
    }
    if (name === 'each' && block.params.length === 0) return 'Must pass iterator to #each';
  }
  return null;
}

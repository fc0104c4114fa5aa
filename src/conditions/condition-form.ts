import { MAX_CONDITION_DEPTH } from './conditions.schema';
import { type Condition, OPS } from './conditions';

/**
 * The condition builder of the console as a plain HTML form: every predicate row is a set of
 * indexed fields (`conditions[0][1][field]`, `[op]`, `[value]`), every group carries its
 * `[join]` (all / any), and "add condition", "add group" and "remove" are submit buttons that
 * re-render the form. This module turns such a form into a condition tree and back, pure.
 */
export interface FormPredicate {
  kind: 'predicate';
  field: string;
  op: string;
  /** As typed: lists are comma-separated, "between" is "low, high". */
  value: string;
}
export interface FormGroup {
  kind: 'group';
  join: 'all' | 'any';
  children: FormNode[];
}
export type FormNode = FormPredicate | FormGroup;

/** How a field's typed value is read: numbers, true/false, text, or unknown (attributes). */
export type FieldKind = 'number' | 'boolean' | 'text' | 'any';

/** Bounds what one form post can build (the body parser also caps the number of fields). */
export const MAX_FORM_NODES = 60;

export const emptyPredicate = (): FormPredicate => ({
  kind: 'predicate',
  field: '',
  op: 'eq',
  value: '',
});
export const emptyGroup = (join: 'all' | 'any' = 'all'): FormGroup => ({
  kind: 'group',
  join,
  children: [],
});

const NAME = /^\[(\d{1,2})\]/;
const LEAVES = new Set(['join', 'field', 'op', 'value']);

/** A form field's text (a repeated field keeps its first value). */
function textOf(value: unknown): string {
  if (Array.isArray(value)) return textOf(value[0]);
  return typeof value === 'string' ? value : '';
}

/** `[0][1][field]` → { path: [0, 1], leaf: 'field' }, or null when it is no builder field. */
function parseName(rest: string): { path: number[]; leaf: string } | null {
  const path: number[] = [];
  let tail = rest;
  for (let match = NAME.exec(tail); match; match = NAME.exec(tail)) {
    path.push(Number(match[1]));
    tail = tail.slice(match[0].length);
  }
  const leaf = /^\[(\w+)\]$/.exec(tail)?.[1];
  if (!leaf || !LEAVES.has(leaf) || path.length >= MAX_CONDITION_DEPTH) return null;
  return { path, leaf };
}

interface Draft {
  join?: string;
  field?: string;
  op?: string;
  value?: string;
  children: Map<number, Draft>;
}

/** The builder's tree from a posted form body (`prefix` is the fields' name, e.g. "conditions"). */
export function parseConditionForm(
  body: Record<string, unknown>,
  prefix = 'conditions',
): FormGroup {
  const root: Draft = { join: 'all', children: new Map() };
  let nodes = 0;
  for (const [name, raw] of Object.entries(body)) {
    if (!name.startsWith(`${prefix}[`)) continue;
    const parsed = parseName(name.slice(prefix.length));
    if (!parsed) continue;
    let node: Draft | null = root;
    for (const index of parsed.path) {
      let child: Draft | undefined = node.children.get(index);
      if (!child) {
        if (++nodes > MAX_FORM_NODES) {
          node = null;
          break;
        }
        child = { children: new Map() };
        node.children.set(index, child);
      }
      node = child;
    }
    if (node) (node as unknown as Record<string, string>)[parsed.leaf] = textOf(raw);
  }
  return toGroup(root);
}

function toNode(draft: Draft): FormNode {
  if (draft.join !== undefined || draft.children.size > 0) return toGroup(draft);
  return {
    kind: 'predicate',
    field: draft.field?.trim() ?? '',
    op: draft.op?.trim() ?? '',
    value: draft.value ?? '',
  };
}

function toGroup(draft: Draft): FormGroup {
  const children = [...draft.children.entries()].sort(([a], [b]) => a - b).map(([, d]) => d);
  return {
    kind: 'group',
    join: draft.join === 'any' ? 'any' : 'all',
    children: children.map(toNode),
  };
}

/** A builder button: what it does and to which node (a path of child indices; [] is the root). */
export interface BuilderEdit {
  action: 'add-condition' | 'add-group' | 'remove';
  path: number[];
}

/** `add-group:0.1` → { action: 'add-group', path: [0, 1] }; null for any other button value. */
export function parseBuilderEdit(value: unknown): BuilderEdit | null {
  const match = /^(add-condition|add-group|remove):((?:\d{1,2}(?:\.\d{1,2})*)?)$/.exec(
    textOf(value),
  );
  if (!match) return null;
  const path = match[2] ? match[2].split('.').map(Number) : [];
  if (match[1] === 'remove' && path.length === 0) return null;
  return { action: match[1] as BuilderEdit['action'], path };
}

function countNodes(group: FormGroup): number {
  return group.children.reduce((n, c) => n + 1 + (c.kind === 'group' ? countNodes(c) : 0), 0);
}

/** The tree after one builder button; unchanged when the path names no such node. */
export function applyBuilderEdit(root: FormGroup, edit: BuilderEdit): FormGroup {
  if (edit.action !== 'remove' && countNodes(root) >= MAX_FORM_NODES) return root;
  if (edit.action === 'remove') {
    const parentPath = edit.path.slice(0, -1);
    const index = edit.path[edit.path.length - 1]!;
    return updateGroup(root, parentPath, (g) => ({
      ...g,
      children: g.children.filter((_, i) => i !== index),
    }));
  }
  // A new group opens with one empty row, ready to fill in; depth stays within the schema's.
  if (edit.action === 'add-group' && edit.path.length + 2 >= MAX_CONDITION_DEPTH) return root;
  const added: FormNode =
    edit.action === 'add-group'
      ? { ...emptyGroup(), children: [emptyPredicate()] }
      : emptyPredicate();
  return updateGroup(root, edit.path, (g) => ({ ...g, children: [...g.children, added] }));
}

function updateGroup(
  group: FormGroup,
  path: number[],
  change: (g: FormGroup) => FormGroup,
): FormGroup {
  if (path.length === 0) return change(group);
  const [head, ...rest] = path;
  const child = group.children[head!];
  if (!child || child.kind !== 'group') return group;
  const children = [...group.children];
  children[head!] = updateGroup(child, rest, change);
  return { ...group, children };
}

const ORDERING = new Set(['lt', 'lte', 'gt', 'gte']);
const NUMERIC = /^-?\d+(\.\d+)?$/;

function scalar(text: string, kind: FieldKind): unknown {
  const trimmed = text.trim();
  if (kind === 'number') return NUMERIC.test(trimmed) ? Number(trimmed) : trimmed;
  if (kind === 'boolean' || kind === 'any') {
    if (trimmed === 'true') return true;
    if (trimmed === 'false') return false;
  }
  return trimmed;
}

/** A typed value as the condition language wants it for `op` (the schema judges the result). */
export function valueFromText(text: string, op: string, kind: FieldKind): unknown {
  const items = () =>
    text
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s !== '');
  switch (op) {
    case 'in':
    case 'nin':
      return items().map((s) => scalar(s, kind));
    case 'between':
      return items().map((s) => (NUMERIC.test(s) ? Number(s) : s));
    case 'exists':
      return text.trim() !== 'false';
    case 'contains':
      return text.trim();
    case 'matches':
      return text;
    default:
      if (ORDERING.has(op)) {
        const trimmed = text.trim();
        return NUMERIC.test(trimmed) ? Number(trimmed) : trimmed;
      }
      return scalar(text, kind);
  }
}

/** A stored value as the form shows it. */
export function valueToText(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (Array.isArray(value)) return value.map(valueToText).join(', ');
  return String(value);
}

/**
 * The condition a form tree stands for: the root group with no rows is null (every answer);
 * groups map to { all } / { any } one-to-one, so a schema problem at "conditions.all.1.op" is
 * the form's row [1], control "op" (see conditionErrorKey).
 */
export function formToCondition(
  root: FormGroup,
  kindOf: (field: string) => FieldKind,
): Condition | null {
  if (root.children.length === 0) return null;
  return groupToCondition(root, kindOf);
}

function groupToCondition(group: FormGroup, kindOf: (field: string) => FieldKind): Condition {
  const children = group.children.map((c) =>
    c.kind === 'group' ? groupToCondition(c, kindOf) : predicateToCondition(c, kindOf),
  );
  return group.join === 'any' ? { any: children } : { all: children };
}

function predicateToCondition(p: FormPredicate, kindOf: (field: string) => FieldKind): Condition {
  const predicate: Record<string, unknown> = { field: p.field };
  if (p.op !== '') predicate.op = p.op;
  if ((OPS as readonly string[]).includes(p.op)) {
    predicate.value = valueFromText(p.value, p.op, kindOf(p.field));
  }
  return predicate as unknown as Condition;
}

/** The form tree of a stored condition (a bare predicate at the top becomes a group of one). */
export function conditionToForm(condition: Condition | null): FormGroup {
  if (condition === null) return emptyGroup();
  const node = nodeToForm(condition);
  return node.kind === 'group' ? node : { ...emptyGroup(), children: [node] };
}

function nodeToForm(condition: Condition): FormNode {
  if ('all' in condition)
    return { kind: 'group', join: 'all', children: condition.all.map(nodeToForm) };
  if ('any' in condition)
    return { kind: 'group', join: 'any', children: condition.any.map(nodeToForm) };
  return {
    kind: 'predicate',
    field: condition.field,
    op: condition.op,
    value:
      condition.op === 'exists' && condition.value === true ? '' : valueToText(condition.value),
  };
}

/**
 * Where a problem at a dotted schema path ("conditions.all.1.any.0.value") shows in the
 * builder: "1.0:value"; a group's own problem is "<path>:group" (the root's ":group").
 * Null for a path outside the conditions.
 */
export function conditionErrorKey(path: string, prefix = 'conditions'): string | null {
  const parts = path.split('.');
  if (parts[0] !== prefix) return null;
  const indices: string[] = [];
  let i = 1;
  while (i + 1 < parts.length && (parts[i] === 'all' || parts[i] === 'any')) {
    indices.push(parts[i + 1]!);
    i += 2;
  }
  const leaf = parts[i];
  const control = leaf === 'field' || leaf === 'op' || leaf === 'value' ? leaf : 'group';
  return `${indices.join('.')}:${control}`;
}

/** The form field name of a node's control: `conditions[0][1][field]`. */
export function controlName(prefix: string, path: number[], leaf: string): string {
  return `${prefix}${path.map((i) => `[${i}]`).join('')}[${leaf}]`;
}

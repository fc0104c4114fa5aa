import { controlName, type FormGroup, type FormNode } from './condition-form';
import { OPS } from './conditions';
import { MAX_CONDITION_DEPTH } from './conditions.schema';

/** The field picker: groups of fields with their labels (the page translates them). */
export interface FieldChoiceGroup {
  label: string;
  fields: { value: string; label: string }[];
}

export interface BuilderViewOptions {
  /** The form fields' name, e.g. "conditions". */
  prefix: string;
  fieldGroups: FieldChoiceGroup[];
  /** Operator labels by op. */
  opLabels: Record<string, string>;
  /** Problems by builder key ("0.1:value", ":group"), already in the page's language. */
  errors: ReadonlyMap<string, string>;
  /** Label of a field the picker does not know (kept so a re-render loses nothing). */
  otherLabel: (field: string) => string;
}

interface OptionView {
  value: string;
  label: string;
  selected: boolean;
}

export interface PredicateView {
  isGroup: false;
  id: string;
  pathKey: string;
  number: string;
  names: { field: string; op: string; value: string };
  fieldGroups: { label: string; options: OptionView[] }[];
  ops: OptionView[];
  value: string;
  errors: { field?: string; op?: string; value?: string };
}

export interface GroupView {
  isGroup: true;
  isRoot: boolean;
  id: string;
  pathKey: string;
  number: string;
  joinName: string;
  any: boolean;
  error?: string;
  children: (GroupView | PredicateView)[];
  canAddGroup: boolean;
}

/** The view model of the builder's tree: names, ids, picker options and problems per control. */
export function conditionBuilderView(
  root: FormGroup,
  options: BuilderViewOptions,
  maxDepth = MAX_CONDITION_DEPTH,
): GroupView {
  return groupView(root, [], options, maxDepth);
}

function keyOf(path: number[]) {
  return path.join('.');
}

function groupView(
  group: FormGroup,
  path: number[],
  options: BuilderViewOptions,
  maxDepth: number,
): GroupView {
  const key = keyOf(path);
  return {
    isGroup: true,
    isRoot: path.length === 0,
    id: `${options.prefix}-g${path.map((i) => `-${i}`).join('')}`,
    pathKey: key,
    number: path.map((i) => i + 1).join('.'),
    joinName: controlName(options.prefix, path, 'join'),
    any: group.join === 'any',
    error: options.errors.get(`${key}:group`),
    children: group.children.map((child, i) => nodeView(child, [...path, i], options, maxDepth)),
    canAddGroup: path.length + 2 < maxDepth,
  };
}

function nodeView(
  node: FormNode,
  path: number[],
  options: BuilderViewOptions,
  maxDepth: number,
): GroupView | PredicateView {
  if (node.kind === 'group') return groupView(node, path, options, maxDepth);
  const key = keyOf(path);
  const known = options.fieldGroups.some((g) => g.fields.some((f) => f.value === node.field));
  const groups = options.fieldGroups.map((g) => ({
    label: g.label,
    options: g.fields.map((f) => ({ ...f, selected: f.value === node.field })),
  }));
  const first = { value: '', label: '—', selected: node.field === '' };
  if (!known && node.field !== '') {
    groups.push({
      label: options.otherLabel(node.field),
      options: [{ value: node.field, label: node.field, selected: true }],
    });
  }
  groups.unshift({ label: '', options: [first] });
  const errors = {
    field: options.errors.get(`${key}:field`),
    op: options.errors.get(`${key}:op`),
    value: options.errors.get(`${key}:value`),
  };
  return {
    isGroup: false,
    id: `${options.prefix}-p-${path.join('-')}`,
    pathKey: key,
    number: path.map((i) => i + 1).join('.'),
    names: {
      field: controlName(options.prefix, path, 'field'),
      op: controlName(options.prefix, path, 'op'),
      value: controlName(options.prefix, path, 'value'),
    },
    fieldGroups: groups,
    ops: OPS.map((op) => ({
      value: op,
      label: options.opLabels[op] ?? op,
      selected: op === node.op,
    })),
    value: node.value,
    errors: Object.fromEntries(Object.entries(errors).filter(([, v]) => v !== undefined)),
  };
}

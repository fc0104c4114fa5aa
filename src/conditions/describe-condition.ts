import type { Condition } from './conditions';

export interface ConditionWords {
  field: (field: string) => string;
  /** The operator's words; `exists` with false is "notExists". */
  op: (op: string) => string;
  and: string;
  or: string;
  always: string;
  never: string;
}

/** A condition in words: "Score is at most 6 and (Team is Sales or Region is one of FR, BE)". */
export function describeCondition(
  condition: Condition | null,
  words: ConditionWords,
  nested = false,
): string {
  if (condition === null) return words.always;
  if ('all' in condition || 'any' in condition) {
    const isAll = 'all' in condition;
    const children = isAll ? condition.all : condition.any;
    if (children.length === 0) return isAll ? words.always : words.never;
    const text = children
      .map((c) => describeCondition(c, words, true))
      .join(` ${isAll ? words.and : words.or} `);
    return nested && children.length > 1 ? `(${text})` : text;
  }
  const value = Array.isArray(condition.value)
    ? condition.value.join(', ')
    : condition.op === 'exists'
      ? ''
      : String(condition.value ?? '');
  const op = words.op(
    condition.op === 'exists' && condition.value === false ? 'notExists' : condition.op,
  );
  return `${words.field(condition.field)} ${op}${value ? ` ${value}` : ''}`;
}

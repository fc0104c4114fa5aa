import type { z } from 'zod';
import { AppError, type FieldProblem } from './errors';

type Issue = z.core.$ZodIssue;

/**
 * A union none of whose options matched ("a text or a text per locale") is reported through the
 * one option whose shape the value has, naming the field inside it (`text.fr`), rather than as
 * "Invalid input" on the whole union.
 */
function explain(issue: Issue, base: PropertyKey[] = []): Issue[] {
  const path = [...base, ...issue.path];
  if (issue.code === 'invalid_union' && issue.errors.length > 0) {
    const shaped = issue.errors.filter(
      (branch) => !branch.some((i) => i.code === 'invalid_type' && i.path.length === 0),
    );
    if (shaped.length === 1) return shaped[0]!.flatMap((i) => explain(i, path));
  }
  return [{ ...issue, path }];
}

export function zodProblems(error: z.ZodError): FieldProblem[] {
  return error.issues
    .flatMap((i) => explain(i))
    .map((issue) => ({
      path: issue.path.map(String).join('.') || '(body)',
      message: issue.message,
    }));
}

/** Parses input at an edge; bad input becomes a 400 naming every bad field. */
export function parseOrThrow<S extends z.ZodType>(
  schema: S,
  input: unknown,
  what: string,
): z.output<S> {
  const result = schema.safeParse(input);
  if (!result.success) {
    throw AppError.badRequest(`The ${what} is not valid.`, zodProblems(result.error));
  }
  return result.data;
}

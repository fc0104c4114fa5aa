import type { z } from 'zod';
import { AppError, type FieldProblem } from './errors';

export function zodProblems(error: z.ZodError): FieldProblem[] {
  return error.issues.map((issue) => ({
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

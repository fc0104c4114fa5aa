import type { Response } from 'express';
import type { FieldProblem } from './errors';

/** RFC 9457 problem details. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  errors?: FieldProblem[];
  requestId?: string;
}

export function sendProblem(res: Response, problem: Omit<Problem, 'type'> & { type?: string }) {
  const body: Problem = { type: 'about:blank', ...problem };
  if (problem.status === 401) res.setHeader('WWW-Authenticate', 'Bearer');
  res.status(problem.status).type('application/problem+json').send(JSON.stringify(body));
}

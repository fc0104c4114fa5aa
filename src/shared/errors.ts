/** One error type for everything the API answers on purpose; the error handler renders it. */
export interface FieldProblem {
  /** JSON path of the bad field, e.g. "customer.phone" */
  path: string;
  message: string;
}

export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail?: string,
    readonly errors?: FieldProblem[],
  ) {
    super(detail ?? title);
    this.name = 'AppError';
  }

  static badRequest(detail: string, errors?: FieldProblem[]) {
    return new AppError(400, 'Bad Request', detail, errors);
  }
  static unauthorized(detail = 'A valid API key is required.') {
    return new AppError(401, 'Unauthorized', detail);
  }
  static forbidden(detail = 'You are not allowed to do this.') {
    return new AppError(403, 'Forbidden', detail);
  }
  static notFound(detail = 'Not found.') {
    return new AppError(404, 'Not Found', detail);
  }
  static conflict(detail: string, errors?: FieldProblem[]) {
    return new AppError(409, 'Conflict', detail, errors);
  }
}

/**
 * The few errors a use case may throw. One middleware maps them to problem+json with
 * `instanceof` (shared/runtime/problem.ts); adapters translate SDK failures into them.
 */
export interface FieldError {
  path: string;
  message: string;
}

export class DomainError extends Error {
  constructor(
    message: string,
    readonly errors: FieldError[] = [],
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** The thing does not exist, or the caller may not know that it exists. → 404 */
export class NotFoundError extends DomainError {}

/** The request fights the current state (stock gone, status moved on, duplicate in flight). → 409 */
export class ConflictError extends DomainError {}

/** Well-formed, but the business rules refuse it (terms not accepted, cart empty). → 422 */
export class UnprocessableError extends DomainError {}

/** Malformed input: a field missing, of the wrong type, or unknown. → 400 */
export class ValidationError extends DomainError {}

/** Signed in, but not allowed. → 403 */
export class ForbiddenError extends DomainError {}

/** Not signed in, or the token is not valid. → 401 */
export class UnauthorizedError extends DomainError {}

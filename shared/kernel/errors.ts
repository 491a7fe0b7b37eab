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

/**
 * A provider we depend on (Stripe) did not answer; what was started is kept and the same request
 * can be retried safely. → 503
 */
export class UnavailableError extends DomainError {}

/**
 * A provider's silence told in the caller's own words (what it left undone, what to do next);
 * any other error is returned unchanged, to be thrown as it was.
 */
export const withUnavailableDetail = (error: unknown, detail: string): unknown =>
  error instanceof UnavailableError ? new UnavailableError(detail, [], { cause: error }) : error;

/**
 * The caller used up a per-client budget (checkouts, promotion codes). → 429 with `Retry-After`,
 * so a well-behaved client knows when to come back and an abusive one learns nothing more.
 */
export class TooManyRequestsError extends DomainError {
  constructor(
    message: string,
    /** Whole seconds until the budget is renewed (at least 1). */
    readonly retryAfterSeconds: number,
    options?: { cause?: unknown },
  ) {
    super(message, [], options);
  }
}

/**
 * A budget of requests per client over a fixed window: at most `cap` per `windowSeconds`, counted
 * per IP address or per email address. Use cases declare theirs as constants; an adapter counts.
 */
export interface RateLimit {
  /** Names the counter, e.g. `checkout-per-ip`. */
  name: string;
  /**
   * What is counted per: a client's address (IPv6 per /64, what one subscriber gets), an email
   * address (anyone may type it), or a signed-in customer (their `sub`).
   */
  per: 'ip' | 'email' | 'customer';
  cap: number;
  windowSeconds: number;
  /**
   * Counts what a client holds rather than what it did: each charge is given back when what it
   * paid for ends (an unpaid order is paid or cancelled). A refused client is told to wait until
   * what it holds ends at the latest (`heldUntil` of the refusal); `windowSeconds` is the wait
   * when that is not known. The counter lives a day past its last use.
   */
  held?: boolean;
}

/** One request to count against a limit, for one subject (the IP address or the email address). */
export interface RateCharge {
  limit: RateLimit;
  subject: string;
}

import { StripeApiError } from './errors';

/** What Stripe saved of the first request made with a key. */
export interface SavedResponse {
  method: string;
  path: string;
  params: string;
  status: number;
  body: string;
  requestId: string;
  savedAt: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Idempotency as Stripe honours it (https://docs.stripe.com/api/idempotent_requests): keys are
 * per account (here, per API key) and only for POST; the first response saved after the endpoint
 * began (errors included, not refused parameters) is replayed for the same endpoint and the same
 * parameters; other parameters, or another endpoint, are an `idempotency_error`. Keys last 24 hours.
 */
export class IdempotencyStore {
  private readonly saved = new Map<string, SavedResponse>();
  private readonly inFlight = new Set<string>();

  constructor(private readonly clock: () => number = Date.now) {}

  /** The response to replay, or the error to answer, or nothing (the request runs). */
  check(apiKey: string, key: string, request: { method: string; path: string; params: string }): SavedResponse | StripeApiError | undefined {
    const saved = this.saved.get(this.scope(apiKey, key));
    if (!saved || this.clock() - saved.savedAt > DAY_MS) return undefined;
    if (saved.method !== request.method || saved.path !== request.path) {
      return new StripeApiError(
        400,
        'idempotency_error',
        undefined,
        `Keys for idempotent requests can only be used for the same endpoint they were first used for ('${saved.path}' vs '${request.path}'). Try using a key other than '${key}' if you meant to execute a different request.`,
      );
    }
    if (saved.params !== request.params) {
      return new StripeApiError(
        400,
        'idempotency_error',
        undefined,
        `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${key}' if you meant to execute a different request.`,
      );
    }
    return saved;
  }

  /**
   * Marks the key's request as running; false if another request with it still runs, which Stripe
   * refuses with a 409 `idempotency_key_in_use` (the SDK retries it) rather than run it twice.
   */
  begin(apiKey: string, key: string): boolean {
    const scope = this.scope(apiKey, key);
    if (this.inFlight.has(scope)) return false;
    this.inFlight.add(scope);
    return true;
  }

  end(apiKey: string, key: string): void {
    this.inFlight.delete(this.scope(apiKey, key));
  }

  save(apiKey: string, key: string, response: Omit<SavedResponse, 'savedAt'>): void {
    this.saved.set(this.scope(apiKey, key), { ...response, savedAt: this.clock() });
  }

  private scope(apiKey: string, key: string): string {
    return `${apiKey}\u0000${key}`;
  }
}

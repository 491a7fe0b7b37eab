/**
 * How long a function waits for one Stripe call, in one place. Every function that calls Stripe
 * must outlast the worst case, and a route's must also answer before API Gateway gives up (30 s):
 * only then does the client get our 503 with `Retry-After` rather than the function or the
 * gateway timing out. `test/infra/bundles.test.ts` holds every such function's timeout to it.
 */
export interface StripeTiming {
  /** stripe-node's `timeout`: how long one attempt may wait on a silent socket. */
  attemptTimeoutMs: number;
  /** stripe-node's `maxNetworkRetries`: it retries timeouts, lost connections, 409s and 5xx, with the same idempotency key. */
  maxNetworkRetries: number;
}

export const stripeTiming: StripeTiming = { attemptTimeoutMs: 5_000, maxNetworkRetries: 2 };

/**
 * stripe-node's backoff between attempts (`INITIAL_NETWORK_RETRY_DELAY_SEC` and
 * `MAX_NETWORK_RETRY_DELAY_SEC`, which it does not let us set): before retry n (from 0) it sleeps
 * min(initial × 2^(n−1), max), jittered down to as little as half, but never under initial.
 */
export const stripeRetryDelayMs = { initial: 500, max: 5_000 };

/**
 * The longest one call takes when Stripe accepts the connection and never answers: every attempt
 * runs to its timeout, every sleep to its bound. With 5 s and 2 retries, 3 × 5 + 0.5 + 0.5 = 16 s.
 */
export const worstStripeCallMs = ({ attemptTimeoutMs, maxNetworkRetries }: StripeTiming = stripeTiming): number => {
  let sleeps = 0;
  for (let retry = 0; retry < maxNetworkRetries; retry++) {
    sleeps += Math.max(stripeRetryDelayMs.initial, Math.min(stripeRetryDelayMs.initial * 2 ** (retry - 1), stripeRetryDelayMs.max));
  }
  return (maxNetworkRetries + 1) * attemptTimeoutMs + sleeps;
};

export type StripeErrorType = 'invalid_request_error' | 'card_error' | 'idempotency_error' | 'authentication_error' | 'api_error';

/**
 * A Stripe-shaped API error: `{ error: { type, code, message, param, decline_code, doc_url, … } }`.
 * `validation` marks a request refused before the endpoint ran: Stripe saves no idempotent result
 * for those, so a retry with the same key runs again.
 */
export class StripeApiError extends Error {
  constructor(
    readonly status: number,
    readonly type: StripeErrorType,
    readonly code: string | undefined,
    message: string,
    readonly extra: Record<string, unknown> = {},
    readonly validation = false,
  ) {
    super(message);
  }

  toJSON() {
    return {
      error: {
        type: this.type,
        ...(this.code && { code: this.code, doc_url: `https://stripe.com/docs/error-codes/${this.code.replace(/_/g, '-')}` }),
        message: this.message,
        ...this.extra,
      },
    };
  }
}

/** A parameter Stripe refuses before doing anything (not saved under an idempotency key). */
export const invalidParam = (param: string, message: string, code?: string) =>
  new StripeApiError(400, 'invalid_request_error', code, message, { param }, true);

export const missingParam = (param: string) => invalidParam(param, `Missing required param: ${param}.`, 'parameter_missing');

export const missing = (kind: string, id: string, param = 'id', status = 404) =>
  new StripeApiError(status, 'invalid_request_error', 'resource_missing', `No such ${kind}: '${id}'`, { param });

export const unexpectedState = (message: string) =>
  new StripeApiError(400, 'invalid_request_error', 'payment_intent_unexpected_state', message);

/** Another request with this key is still running at Stripe: 409, which stripe-node retries. */
export const keyInUse = () =>
  new StripeApiError(
    409,
    'invalid_request_error',
    'idempotency_key_in_use',
    'There is currently another in-progress request using this Idempotent Key (that probably means you submitted twice, and the other request is still going through). Please try again later.',
  );

/** Stripe's `api_error`, for faults injected with `failNext`. */
export const apiError = (status: number) =>
  new StripeApiError(status, 'api_error', undefined, 'An unknown error occurred while processing your request. Please try again (emulated fault).');

const zeroDecimal = new Set(['bif', 'clp', 'djf', 'gnf', 'jpy', 'kmf', 'krw', 'mga', 'pyg', 'rwf', 'ugx', 'vnd', 'vuv', 'xaf', 'xof', 'xpf']);

/** An amount in minor units as Stripe writes it in messages: `€19.90`, `$0.50`, `¥500`. */
export const formatAmount = (amount: number, currency: string): string => {
  const major = zeroDecimal.has(currency) ? amount : amount / 100;
  try {
    return new Intl.NumberFormat('en-US', { style: 'currency', currency: currency.toUpperCase() }).format(major);
  } catch {
    return `${major} ${currency}`;
  }
};

/** Refuses parameters the endpoint does not take, as Stripe does (`Received unknown parameter: x`). */
export const checkKnown = (form: Record<string, unknown>, allowed: readonly string[]): void => {
  const unknown = Object.keys(form).find((key) => !allowed.includes(key));
  if (unknown !== undefined) throw invalidParam(unknown, `Received unknown parameter: ${unknown}`, 'parameter_unknown');
};

/** Checks an enum parameter: `Invalid reason: must be one of duplicate, fraudulent, or requested_by_customer`. */
export const checkEnum = (param: string, value: string | undefined, allowed: readonly string[]): void => {
  if (value === undefined || allowed.includes(value)) return;
  const list = allowed.length > 1 ? `${allowed.slice(0, -1).join(', ')}, or ${allowed.at(-1)}` : allowed.join('');
  throw invalidParam(param, `Invalid ${param}: must be one of ${list}`);
};

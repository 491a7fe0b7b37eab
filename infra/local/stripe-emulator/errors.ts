/** A Stripe-shaped API error: `{ error: { type, code, message, param, decline_code } }`. */
export class StripeApiError extends Error {
  constructor(
    readonly status: number,
    readonly type: 'invalid_request_error' | 'card_error' | 'idempotency_error' | 'authentication_error' | 'api_error',
    readonly code: string | undefined,
    message: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
  }

  toJSON() {
    return { error: { type: this.type, ...(this.code && { code: this.code }), message: this.message, ...this.extra } };
  }
}

export const missing = (kind: string, id: string) =>
  new StripeApiError(404, 'invalid_request_error', 'resource_missing', `No such ${kind}: '${id}'`, { param: 'id' });

export const unexpectedState = (id: string, status: string, action: string) =>
  new StripeApiError(
    400,
    'invalid_request_error',
    'payment_intent_unexpected_state',
    `You cannot ${action} this PaymentIntent because it has a status of ${status}.`,
    { param: 'id' },
  );

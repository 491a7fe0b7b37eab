import type { Money } from '#kernel/money';
import type { Clock, IdGenerator } from '#kernel/ports';
import type { Order, OrderRepository, PaymentStatus } from '#ordering/index';
import type { ReviewReason } from '../contracts/events';
import type { OutboxEntry } from '#runtime/outbox';
import type { Seller, SettingsReader } from '#settings/index';
import type { PaymentGateway } from '../domain/payment';

/** What the payments context needs from the outside world. Adapters in `../adapters` implement them. */

export type { PaymentGateway } from '../domain/payment';
export type { ReviewReason } from '../contracts/events';

/** What Stripe reported about one PaymentIntent, and the order its metadata names. */
export interface PaymentFact {
  orderId: string;
  paymentIntentId: string;
  amount: Money;
  /** The bus event it came in, when it did: the payment is remembered as applied under this id. */
  eventId?: string;
}

export type MarkPaidOutcome =
  | { outcome: 'paid'; order: Order }
  | { outcome: 'not_pending'; order: Order }
  /** Not the order's own PaymentIntent, or not its total: nothing changed, a person must look. */
  | { outcome: 'needs_review'; reason: ReviewReason; expected: Money; order: Order }
  | { outcome: 'unknown_order' };

/** Why a status report changed nothing, or that it did. */
export type StatusOutcome = 'recorded' | 'unchanged' | 'not_pending' | 'payment_intent_mismatch' | 'unknown_order';

/** The writes the payments worker makes on orders; each is guarded by the order's status. */
export interface OrderPayments {
  /**
   * `pending_payment → paid` in one transaction that also takes the next invoice number of the
   * year (gap-free: the counter moves only if the order does). Products are not written: their
   * units left the stock at checkout, and an order no longer pending no longer reserves them.
   * Only the order's own PaymentIntent pays it, and only for its total: anything else changes
   * nothing and says why (`needs_review`). When the order is no longer pending, nothing changes
   * and the current order is returned. The facts `factsOf` states about the paid order
   * (`OrderPaid`) are written in the same transaction (outbox). `sellerNow` gives the seller as
   * configured now, whom the invoice will print: read with the order, not before it. The order is
   * paid (its invoice dated) `now`, or when the invoice before it was if that is later: the series
   * is chronological as well as gap-free.
   */
  markPaidIfMatches(payment: PaymentFact, now: Date, factsOf: (paid: Order) => OutboxEntry[], sellerNow: () => Promise<Seller | null>): Promise<MarkPaidOutcome>;
  /** Records the PaymentIntent's status while the order is still pending, if it is the order's own. */
  setPaymentStatus(payment: Omit<PaymentFact, 'amount'>, status: PaymentStatus, now: Date): Promise<StatusOutcome>;
  /** Flags an order for review, once (whatever its status), with its facts. False (nothing written) when it was already flagged. */
  flagForReview(orderId: string, review: { reason: ReviewReason; paymentIntentId: string; received: Money }, now: Date, facts: readonly OutboxEntry[]): Promise<boolean>;
  /** Records an automatic refund of a late payment, once, with its facts. False (nothing written) when already recorded. */
  recordLateRefund(orderId: string, refundId: string, now: Date, facts: readonly OutboxEntry[]): Promise<boolean>;
}

/** What recording a payment needs: the orders' payment writes, Stripe, new event ids, the time. */
export interface PaymentDeps {
  orderPayments: OrderPayments;
  paymentGateway: PaymentGateway;
  /** The shop's settings: the seller an order is invoiced by is the one configured when it is paid. */
  settings: SettingsReader;
  ids: IdGenerator;
  clock: Clock;
}

/** Reconciliation also lists the orders still waiting. */
export interface ReconciliationDeps extends PaymentDeps {
  orders: Pick<OrderRepository, 'listPendingCreatedBefore'>;
}

import type { EventPublisher } from '#kernel/events';
import type { Money } from '#kernel/money';
import type { Clock } from '#kernel/ports';
import type { Order, OrderRepository, PaymentStatus } from '#ordering/index';
import type { PaymentGateway } from '../domain/payment';

/** What the payments context needs from the outside world. Adapters in `../adapters` implement them. */

export type { PaymentGateway } from '../domain/payment';

export type MarkPaidOutcome =
  | { outcome: 'paid'; order: Order }
  | { outcome: 'not_pending'; order: Order }
  | { outcome: 'amount_mismatch'; expected: Money }
  | { outcome: 'unknown_order' };

/** The writes the payments worker makes on orders; each is guarded by the order's status. */
export interface OrderPayments {
  /**
   * `pending_payment → paid` in one transaction that also takes the next invoice number of the
   * year (gap-free: the counter moves only if the order does) and commits the reserved stock.
   * When the order is no longer pending, nothing changes and the current order is returned; when
   * the amount paid is not the order total, nothing changes and the expected total is returned.
   */
  markPaidIfAmountMatches(payment: { orderId: string; amount: Money }, paidAt: Date): Promise<MarkPaidOutcome>;
  /** Records the PaymentIntent's status while the order is still pending. False when it is not. */
  setPaymentStatus(orderId: string, status: PaymentStatus, now: Date): Promise<boolean>;
  /** Flags a pending order for review instead of marking it paid. */
  flagForReview(orderId: string, received: Money, now: Date): Promise<boolean>;
  /** Records an automatic refund of a late payment, once. False when already recorded. */
  recordLateRefund(orderId: string, refundId: string, now: Date): Promise<boolean>;
}

/** What recording a payment needs: the orders' payment writes, Stripe, the bus, the time. */
export interface PaymentDeps {
  orderPayments: OrderPayments;
  paymentGateway: PaymentGateway;
  publisher: EventPublisher;
  clock: Clock;
}

/** Reconciliation also lists the orders still waiting. */
export interface ReconciliationDeps extends PaymentDeps {
  orders: Pick<OrderRepository, 'listPendingCreatedBefore'>;
}

import type { StoredPromotion } from '#cart/index';
import type { RateCharge } from '#kernel/errors';
import type { Clock, IdGenerator, Page } from '#kernel/ports';
import type { PaymentGateway } from '#payments/index';
import type { StoreSettings } from '#pricing/domain/index';
import type { OutboxEntry } from '#runtime/outbox';
import type { Order, OrderStatus } from '../domain/order';
import type { SucceededRefund } from '../domain/sales-report';
import type { CheckoutCart } from '../domain/place-order';

/** What the ordering context needs from the outside world. Adapters in `../adapters` implement its own. */

export interface OrderRepository {
  get(orderId: string): Promise<{ order: Order } | undefined>;
  listByCustomer(customerId: string, query: { cursor?: string; limit: number }): Promise<Page<Order>>;
  /** The next order number of the year (gaps are allowed: only invoices must be gap-free). */
  nextOrderNumber(year: number): Promise<number>;
  /**
   * Creates the order in one transaction that also takes its stock, closes the cart, counts the
   * promotions, charges the client's checkout budgets (in the window of `now`) and writes the
   * facts about it (outbox: `OrderPlaced`).
   * ConflictError naming the skus when stock is short or a price changed; TooManyRequestsError
   * when a budget is spent (it wins over any other reason).
   */
  place(
    order: Order,
    parts: { cart: CheckoutCart; promotions: readonly StoredPromotion[]; charges: readonly RateCharge[]; now: Date; facts: readonly OutboxEntry[] },
  ): Promise<void>;
  /** Unpaid orders whose payment was due at or before `due`, oldest first. */
  listUnpaidDue(due: Date, limit: number): Promise<Order[]>;
  /** Orders still awaiting payment, created at or before `createdBefore`, oldest first. */
  listPendingCreatedBefore(createdBefore: Date, limit: number): Promise<Order[]>;
  /**
   * Cancels an order still `pending_payment` whose PaymentIntent the caller cancelled at Stripe
   * (`cancelledUnpaid`: its payment shown canceled), gives its reserved stock back and writes the
   * facts about it, in one transaction. Returns false (and changes nothing) when the order had moved on.
   */
  cancelUnpaid(order: Order, reason: string, now: Date, facts?: readonly OutboxEntry[]): Promise<boolean>;
}

/** An order by its id: all a function that only reads orders needs (`createOrderLookup`). */
export type OrderLookup = Pick<OrderRepository, 'get'>;

/** A page to read: where the previous one ended (a signed cursor), and how many at most. */
export interface PageQuery {
  cursor?: string;
  limit: number;
}

/**
 * How the back office finds orders: newest first, a page at a time. Each listing's cursors are
 * bound to it: a cursor of another listing (another status, another email, a customer's own
 * orders) is a 400 naming `query.cursor`.
 */
export interface OrderSearch {
  /** Orders in `status`, or in any status when it is undefined. */
  byStatus(status: OrderStatus | undefined, page: PageQuery): Promise<Page<Order>>;
  /** The order with this number (`2026-000123`), if any. */
  byNumber(number: string): Promise<Order | undefined>;
  /** The orders placed with this email address, whatever its case. */
  byEmail(email: string, page: PageQuery): Promise<Page<Order>>;
}

/** Instants from `from` (included) to `to` (excluded). */
export interface TimeRange {
  from: Date;
  to: Date;
}

/**
 * What the sales report reads, never a Scan, a page at a time: each page is handed to `count`
 * (pages may come in any order, from several reads at once) and let go, so a report over many
 * orders holds one page of each read at a time.
 */
export interface SalesRecords {
  /** Every order placed in `placed` whose status is one of `statuses`, read whole; an order may come twice. */
  eachOrderPlaced(placed: TimeRange, statuses: readonly OrderStatus[], count: (orders: Order[]) => void): Promise<void>;
  /** Every refund that succeeded in `settled`, as the ledger of succeeded refunds lists it. */
  eachRefundSucceeded(settled: TimeRange, count: (refunds: SucceededRefund[]) => void): Promise<void>;
}

/**
 * Order tokens are derived from the order id with the server's key (an HMAC), so they are
 * recomputed when checked and never stored, in clear or hashed.
 */
export interface OrderTokens {
  issue(orderId: string): string;
}

/**
 * What reading an order needs of the tokens: checking one. The key may be read on the first token
 * to check (`orderTokenCheckOnFirstUse`), hence the promise.
 */
export interface OrderTokenCheck {
  /** Constant-time; false for a missing token. */
  matches(orderId: string, token: string | undefined): Promise<boolean>;
}

/** Per-client budgets: checked before checkout spends anything (the orders' count rides in `place`). */
export interface RateLimits {
  /** Refuses (TooManyRequestsError), without a request, a budget already known to be spent in this window. */
  refuseKnownExhausted(charges: readonly RateCharge[], now: Date): void;
  /** Counts one request (one write); TooManyRequestsError once the budget of the window is spent. */
  charge(charge: RateCharge, now: Date): Promise<void>;
}

/** What checkout needs. `paymentGateway` is Stripe, as the payments context exports it. */
export interface CheckoutDeps {
  orders: OrderRepository;
  orderTokens: OrderTokens;
  rateLimits: RateLimits;
  paymentGateway: PaymentGateway;
  settings: StoreSettings;
  clock: Clock;
  ids: IdGenerator;
  termsVersion: string;
  paymentTimeoutMinutes: number;
}

/** What the expiry of unpaid orders needs. */
export interface ExpiryDeps {
  orders: OrderRepository;
  paymentGateway: PaymentGateway;
  clock: Clock;
  ids: IdGenerator;
}

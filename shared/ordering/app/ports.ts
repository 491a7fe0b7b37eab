import type { CartRepository, StoredPromotion } from '#cart/index';
import type { ProductReader } from '#catalog/index';
import type { EventPublisher } from '#kernel/events';
import type { Clock, IdGenerator, Page } from '#kernel/ports';
import type { PaymentGateway } from '#payments/index';
import type { StoreSettings } from '#pricing/domain/index';
import type { Order } from '../domain/order';
import type { CheckoutCart } from '../domain/place-order';

/** What the ordering context needs from the outside world. Adapters in `../adapters` implement its own. */

export interface OrderRepository {
  get(orderId: string): Promise<{ order: Order; tokenHash: string } | undefined>;
  listByCustomer(customerId: string, query: { cursor?: string; limit: number }): Promise<Page<Order>>;
  /** The next order number of the year (gaps are allowed: only invoices must be gap-free). */
  nextOrderNumber(year: number): Promise<number>;
  /**
   * Creates the order in one transaction that also takes its stock, closes the cart and counts
   * the promotions. ConflictError naming the skus when stock is short or a price changed.
   */
  place(order: Order, tokenHash: string, cart: CheckoutCart, promotions: readonly StoredPromotion[]): Promise<void>;
  /** Unpaid orders whose payment was due at or before `due`, oldest first. */
  listUnpaidDue(due: Date, limit: number): Promise<Order[]>;
  /** Orders still awaiting payment, created at or before `createdBefore`, oldest first. */
  listPendingCreatedBefore(createdBefore: Date, limit: number): Promise<Order[]>;
  /**
   * Cancels an order still `pending_payment` and gives its reserved stock back, in one
   * transaction. Returns false (and changes nothing) when the order had moved on.
   */
  cancelUnpaid(order: Order, reason: string, now: Date): Promise<boolean>;
}

/** What checkout needs. `paymentGateway` is Stripe, as the payments context exports it. */
export interface CheckoutDeps {
  carts: CartRepository;
  orders: OrderRepository;
  paymentGateway: PaymentGateway;
  publisher: EventPublisher;
  settings: StoreSettings;
  clock: Clock;
  ids: IdGenerator;
  termsVersion: string;
  paymentTimeoutMinutes: number;
}

/** What the expiry of unpaid orders needs. */
export interface ExpiryDeps {
  orders: OrderRepository;
  products: ProductReader;
  paymentGateway: PaymentGateway;
  publisher: EventPublisher;
  clock: Clock;
}

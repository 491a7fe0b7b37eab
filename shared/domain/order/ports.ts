import type { Cart } from '../cart/cart';
import type { StoredPromotion } from '../cart/ports';
import type { Page } from '../ports';
import type { Order } from './order';

export interface OrderRepository {
  get(orderId: string): Promise<{ order: Order; tokenHash: string } | undefined>;
  listByCustomer(customerId: string, query: { cursor?: string; limit: number }): Promise<Page<Order>>;
  /** The next number of a per-year sequence ("order", "invoice"). */
  nextSequence(name: 'order', year: number): Promise<number>;
  /**
   * Creates the order in one transaction that also takes its stock, closes the cart and counts
   * the promotions. ConflictError naming the skus when stock is short or a price changed.
   */
  place(order: Order, tokenHash: string, cart: Cart, promotions: readonly StoredPromotion[]): Promise<void>;
  /** Unpaid orders whose payment was due at or before `due`, oldest first. */
  listUnpaidDue(due: Date, limit: number): Promise<Order[]>;
  /**
   * Cancels an order still `pending_payment` and gives its reserved stock back, in one
   * transaction. Returns false (and changes nothing) when the order had moved on.
   */
  cancelUnpaid(order: Order, reason: string, now: Date): Promise<boolean>;
}

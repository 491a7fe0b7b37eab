import type { Clock, IdGenerator } from '#kernel/ports';
import type { Order, OrderStatus } from '#ordering/domain/order';
import type { OrderRepository } from '#ordering/index';
import type { OutboxEntry } from '#runtime/outbox';

/** A link that lets whoever holds it download one product of one order until it expires. */
export interface DownloadLink {
  sku: string;
  url: string;
  expiresAt: string;
}

/**
 * Signs download links: S3 presigned GETs on the private bucket in AWS, links to the local
 * runtime's sample files (HMAC-signed with the server's key) on a laptop.
 */
export interface DownloadLinks {
  sign(file: { orderId: string; sku: string }, expiresAt: Date): Promise<string>;
}

/** A change fulfillment makes to an order it read: its new status and fields, with the facts about it. */
export interface OrderChange {
  status: OrderStatus;
  fields: Partial<Order>;
  at: string;
  facts: readonly OutboxEntry[];
}

export interface FulfillmentStore {
  /**
   * Writes the change and its facts in one transaction, only if the order is as it was read (same
   * status, same revision). False, with nothing written, when it changed in between.
   */
  save(order: Order, change: OrderChange): Promise<boolean>;
}

export interface FulfillmentDeps {
  orders: Pick<OrderRepository, 'get'>;
  store: FulfillmentStore;
  ids: IdGenerator;
  clock: Clock;
}

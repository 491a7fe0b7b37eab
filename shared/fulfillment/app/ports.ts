import type { IdGenerator } from '#kernel/ports';
import type { OrderChangeDeps, OrderChangeStore } from '#ordering/index';

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

/** Fulfillment writes orders as ordering lets other contexts: a guarded change with its facts. */
export type FulfillmentStore = OrderChangeStore;

export interface FulfillmentDeps extends OrderChangeDeps {
  ids: IdGenerator;
}

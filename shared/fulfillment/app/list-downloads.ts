import { ConflictError } from '#kernel/errors';
import type { Order } from '#ordering/index';
import { readableOrder, type OrderReadDeps, type OrderReader } from '#ordering/index';
import { downloadableLines, linkExpiry } from '../domain/downloads';
import type { DownloadLink, DownloadLinks } from './ports';

/**
 * Fresh download links for the digital goods of a paid order (none before payment): what
 * `GET /orders/{orderId}/downloads` lists and the "downloads ready" email carries.
 */
export const downloadLinksOf = async (links: DownloadLinks, order: Pick<Order, 'id' | 'status' | 'items'>, now: Date): Promise<DownloadLink[]> => {
  const expiresAt = linkExpiry(now);
  return Promise.all(
    downloadableLines(order).map(async (line) => ({ sku: line.sku, url: await links.sign({ orderId: order.id, sku: line.sku }, expiresAt), expiresAt: expiresAt.toISOString() })),
  );
};

/** Why an order with digital goods has none to download: not paid yet, or its money given back. */
const whyNoDownloads = (order: Pick<Order, 'number' | 'status' | 'paidAt'>): string => {
  if (order.status === 'pending_payment') return `Order ${order.number} is not paid yet: its downloads open once it is paid.`;
  if (order.status === 'cancelled') {
    return order.paidAt ? `Order ${order.number} was cancelled and refunded: its downloads are closed.` : `Order ${order.number} was cancelled before it was paid: it has no downloads.`;
  }
  return `Order ${order.number} is ${order.status}: its downloads are closed.`;
};

/**
 * The download links of an order, for whoever may read it (its token, or the customer signed in;
 * anyone else 404). Before payment, once cancelled or refunded in full, a 409 says why: there is
 * nothing to download yet, or any more.
 */
export const listDownloads = async (deps: OrderReadDeps & { links: DownloadLinks; clock: () => Date }, reader: OrderReader) => {
  const order = await readableOrder(deps, reader);
  if (order.items.some((l) => l.type === 'digital') && downloadableLines(order).length === 0) {
    throw new ConflictError(whyNoDownloads(order), [{ path: 'status', message: `is ${order.status}` }]);
  }
  return { items: await downloadLinksOf(deps.links, order, deps.clock()) };
};

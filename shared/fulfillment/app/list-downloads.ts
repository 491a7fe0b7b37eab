import type { Order } from '#ordering/domain/order';
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

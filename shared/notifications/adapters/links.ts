import { downloadLinksOf, type DownloadLinks } from '#fulfillment/index';
import type { Order, OrderTokens } from '#ordering/index';
import type { Links } from '../app/ports';

/**
 * The links emails carry. The invoice and credit-note links hold the order's token, derived from
 * its id by the server's key, so they open the PDF with no sign-in and nothing stored; the key is
 * asked for by the first email that carries one (most emails carry none). Download links are
 * signed by fulfillment; how (S3 or the local runtime) is loaded the first time an email needs one.
 */
export const createLinks = (orderTokens: () => Promise<OrderTokens>, downloadLinks: () => Promise<DownloadLinks>): Links => ({
  invoicePdf: async (apiUrl, orderId) =>
    `${apiUrl}/orders/${encodeURIComponent(orderId)}/invoice.pdf?token=${encodeURIComponent((await orderTokens()).issue(orderId))}`,
  creditNotePdf: async (apiUrl, orderId, number) =>
    `${apiUrl}/orders/${encodeURIComponent(orderId)}/credit-notes/${encodeURIComponent(number)}.pdf?token=${encodeURIComponent((await orderTokens()).issue(orderId))}`,
  // The event's order has every field fulfillment reads (id, status, the lines' sku and type); its
  // status is a plain string in the event, the order's own type in fulfillment.
  downloads: async (order, now) => downloadLinksOf(await downloadLinks(), order as unknown as Pick<Order, 'id' | 'status' | 'items'>, now),
});

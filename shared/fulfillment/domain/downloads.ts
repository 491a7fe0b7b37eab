import type { Order } from '#ordering/domain/order';

/**
 * How long a download link works. Long enough to open the email the next day; short enough that a
 * forwarded link dies. The customer can always list fresh links (GET /orders/{orderId}/downloads).
 */
export const DOWNLOAD_LINK_TTL_SECONDS = 24 * 60 * 60;

/**
 * The orders whose digital goods can be downloaded, and are delivered: paid ones, shipped or
 * refunded in part or not; before payment, or once cancelled or refunded in full, never.
 */
export const downloadable: readonly Order['status'][] = ['paid', 'partially_shipped', 'shipped', 'delivered', 'partially_refunded'];

/** The digital lines a customer may download now: none before payment or after a cancellation. */
export const downloadableLines = (order: Pick<Order, 'status' | 'items'>) =>
  downloadable.includes(order.status) ? order.items.filter((line) => line.type === 'digital') : [];

/** When links made at `now` stop working. */
export const linkExpiry = (now: Date): Date => new Date(now.getTime() + DOWNLOAD_LINK_TTL_SECONDS * 1000);

import type { Email, Mailer } from './ports';
import type { ProcessedEvents } from '#kernel/events';

/**
 * Tells the shop that a product is running out.
 * 1. Claims the event, so a redelivery sends no second email.
 * 2. Sends the email; if sending fails the claim is released and the error rethrown, so the
 *    queue retries.
 */
export const notifyLowStock = async (
  deps: { mailer: Mailer; processed: ProcessedEvents; shopEmail: string },
  event: { eventId: string; sku: string; available: number },
): Promise<void> => {
  if (!(await deps.processed.claim('notify-low-stock', event.eventId))) return;
  const email: Email = {
    to: deps.shopEmail,
    subject: `Low stock: ${event.sku} has ${event.available} left`,
    text: `The stock of ${event.sku} is down to ${event.available} unit(s). Restock it with POST /admin/products/${event.sku}/stock.`,
  };
  try {
    await deps.mailer.send(email);
  } catch (error) {
    await deps.processed.release('notify-low-stock', event.eventId);
    throw error;
  }
};

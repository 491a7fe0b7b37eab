import { StockLow } from '#catalog/contracts/events';
import { DigitalGoodsDelivered, OrderDelivered, OrderShipped } from '#fulfillment/contracts/events';
import type { EventContract } from '#kernel/events';
import { OrderPaid } from '#ordering/contracts/events';
import { RefundFailed, RefundIssued, RefundOverdue, ReturnApproved, ReturnReceived, ReturnRejected, ReturnRequested } from '#returns/contracts/events';
import type { EmailDefinition } from '../email-definition';

/** An email and the event it tells; its definition is loaded by the first such event. */
export interface EmailOfEvent {
  event: EventContract;
  load(): Promise<EmailDefinition>;
}

// Typed so that a definition can only be paired with the event whose data it reads.
const email = <C extends EventContract>(event: C, load: () => Promise<EmailDefinition<C>>): EmailOfEvent => ({
  event,
  load: load as unknown as () => Promise<EmailDefinition>,
});

/**
 * Every email the notifications send. Each definition is loaded (`import()`) by the first event it
 * tells, so that a cold start compiles the email it sends, not all twelve. A new email is a file
 * beside these and a line here; the notifications queue must consume its event (a test holds the
 * wiring to this list).
 */
export const emails: readonly EmailOfEvent[] = [
  email(OrderPaid, async () => (await import('./order-confirmation')).orderConfirmation),
  email(OrderShipped, async () => (await import('./order-shipped')).orderShipped),
  email(OrderDelivered, async () => (await import('./order-delivered')).orderDelivered),
  email(DigitalGoodsDelivered, async () => (await import('./downloads-ready')).downloadsReady),
  email(StockLow, async () => (await import('./stock-low')).stockLow),
  email(ReturnRequested, async () => (await import('./return-requested')).returnRequested),
  email(ReturnApproved, async () => (await import('./return-instructions')).returnInstructions),
  email(ReturnRejected, async () => (await import('./return-rejected')).returnRejected),
  email(ReturnReceived, async () => (await import('./return-received')).returnReceived),
  email(RefundIssued, async () => (await import('./refund-issued')).refundIssued),
  email(RefundFailed, async () => (await import('./refund-failed')).refundFailed),
  email(RefundOverdue, async () => (await import('./refund-overdue')).refundOverdue),
];

const sameContract = (a: EventContract, b: EventContract) => a.name === b.name && a.source === b.source;

/** The emails of one kind of event, in the order listed, loaded. */
export const emailsFor = (contract: EventContract): Promise<EmailDefinition[]> =>
  Promise.all(emails.filter((entry) => sameContract(entry.event, contract)).map((entry) => entry.load()));

/** The contracts some email is about, once each. */
export const contractsWithEmails = (): EventContract[] => [...new Set(emails.map((entry) => entry.event))];

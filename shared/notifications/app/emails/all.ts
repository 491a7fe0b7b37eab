import type { EventContract } from '#kernel/events';
import type { EmailDefinition } from '../email-definition';
import { downloadsReady } from './downloads-ready';
import { orderConfirmation } from './order-confirmation';
import { orderDelivered } from './order-delivered';
import { orderShipped } from './order-shipped';
import { refundFailed } from './refund-failed';
import { refundIssued } from './refund-issued';
import { refundOverdue } from './refund-overdue';
import { returnInstructions } from './return-instructions';
import { returnReceived } from './return-received';
import { returnRejected } from './return-rejected';
import { returnRequested } from './return-requested';
import { stockLow } from './stock-low';

/**
 * Every email the notifications send. A new one is a file beside these and a line here; the
 * notifications queue must consume its event (a test holds the wiring to this list).
 */
export const emails: readonly EmailDefinition[] = [
  orderConfirmation,
  orderShipped,
  orderDelivered,
  downloadsReady,
  stockLow,
  returnRequested,
  returnInstructions,
  returnRejected,
  returnReceived,
  refundIssued,
  refundFailed,
  refundOverdue,
];

/** The emails of one kind of event, in the order listed. */
export const emailsFor = (contract: EventContract): EmailDefinition[] =>
  emails.filter((email) => email.event.name === contract.name && email.event.source === contract.source);

/** The contracts some email is about, once each. */
export const contractsWithEmails = (): EventContract[] => [...new Set(emails.map((email) => email.event))];

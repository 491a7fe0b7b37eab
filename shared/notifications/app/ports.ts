import type * as z from 'zod/mini';
import type { Address } from '#kernel/customer';
import type { Clock, IdGenerator } from '#kernel/ports';
import type { orderSnapshotSchema } from '#ordering/contracts/order-snapshot';

/** One email as it goes out, with what it is (`template`) and which fact it tells (`eventId`). */
export interface Email {
  to: string;
  subject: string;
  text: string;
  html: string;
  template: string;
  eventId: string;
}

/** Who the shop's emails come from (the settings, else `MAIL_FROM`). */
export interface Sender {
  from: string;
  replyTo?: string;
  configurationSet?: string;
}

export interface Mailer {
  send(email: Email, sender: Sender): Promise<void>;
}

/** Names one email of one fact: the same fact never gets the same email twice. */
export interface EmailKey {
  eventId: string;
  template: string;
}

/** What taking the lease on an email found: it is ours to send, already sent, or being sent by another copy. */
export type LeaseOutcome = 'leased' | 'sent' | 'busy';

/**
 * The memory of the emails sent, kept so that a redelivered, replayed or concurrent copy of an
 * event sends nothing twice. Sending takes a lease first ("sending until"), so a copy that
 * crashed mid-send does not block the email for ever, and a copy that sees a live lease retries
 * later instead of sending too.
 */
export interface SentEmails {
  lease(key: EmailKey, lease: { id: string; until: Date }, now: Date): Promise<LeaseOutcome>;
  markSent(key: EmailKey, leaseId: string, now: Date): Promise<void>;
  /** Gives the lease back after a failed send (only if it is still this one), so a retry can send. */
  release(key: EmailKey, leaseId: string): Promise<void>;
}

/** What the notifications read of the shop's settings and environment, at each event (cached a few seconds). */
export interface NotificationSettings {
  sender: Sender;
  /** Where the shop's own alerts go: the seller's email, else `SHOP_EMAIL`. */
  shopEmail: string;
  /** Where customers send returns: the seller's address; absent until the seller is configured. */
  shopAddress?: Address;
  /** The public base URL of the API, without a trailing slash; absent: no links to it. */
  apiUrl?: string;
}

export type OrderSnapshot = z.infer<typeof orderSnapshotSchema>;

/** A fresh link to one digital product of an order. */
export interface DownloadLink {
  sku: string;
  url: string;
  expiresAt: string;
}

/** Links that emails carry, signed now: nothing is stored for them. */
export interface Links {
  /** The invoice PDF of an order, readable with the link alone (its order token). */
  invoicePdf(apiUrl: string, orderId: string): Promise<string>;
  /** One credit note's PDF, readable with the link alone, like the invoice. */
  creditNotePdf(apiUrl: string, orderId: string, creditNoteNumber: string): Promise<string>;
  downloads(order: OrderSnapshot, now: Date): Promise<DownloadLink[]>;
}

/** What an email may use besides its event. */
export interface EmailContext {
  now: Date;
  shopEmail: string;
  /** The seller's address, where returns go; undefined until the settings name a seller. */
  shopAddress?: Address;
  /** The invoice PDF link of an order; undefined when the settings name no `apiUrl`. */
  invoiceUrl(orderId: string): Promise<string | undefined>;
  /** A credit note's PDF link; undefined when the settings name no `apiUrl`. */
  creditNoteUrl(orderId: string, creditNoteNumber: string): Promise<string | undefined>;
  downloadLinks(order: OrderSnapshot): Promise<DownloadLink[]>;
}

export interface NotificationDeps {
  mailer: Mailer;
  sentEmails: SentEmails;
  settings: () => Promise<NotificationSettings>;
  links: Links;
  clock: Clock;
  ids: IdGenerator;
  /** Says in the logs what went wrong without failing the event (an email sent but not recorded). */
  warn(message: string, details: Record<string, unknown>): void;
}

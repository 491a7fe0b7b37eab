import { ConflictError } from '#kernel/errors';
import { renderEmail } from '../domain/email';
import type { EmailDefinition } from './email-definition';
import type { EmailContext, EmailKey, NotificationDeps } from './ports';

/**
 * Longer than the worker's timeout (see the wiring): by the time a lease runs out, the copy that
 * took it has sent and marked the email, or has been stopped by Lambda and will never send. So a
 * lease that ran out can be taken over without two copies ever both sending.
 */
export const LEASE_SECONDS = 60;

/** Another copy of the event holds the lease on this email: the queue brings the event back later. */
export class EmailBeingSent extends ConflictError {}

/**
 * Sends the emails one event calls for, each at most once per fact (its event id and template),
 * whether the event arrives twice, is replayed, runs in two copies at once or fails half-way.
 * 1. Reads the sender, the shop's email and postal address, and the API's URL from the settings.
 * 2. For each email of the event: takes the lease on it (already sent → skipped; leased by a
 *    live copy → noted, retried later).
 * 3. Finds its recipient and language, composes it, renders it as text and HTML, and sends it;
 *    if any of that fails, the lease is given back and the error noted. Then marks it sent.
 * 4. Throws the first error noted once every email was tried, so the queue retries this event
 *    only; its emails already sent are skipped then.
 */
export const sendEventEmails = async (deps: NotificationDeps, emails: readonly EmailDefinition[], event: { eventId: string; data: unknown }): Promise<void> => {
  const settings = await deps.settings();
  const failures: unknown[] = [];
  for (const email of emails) {
    const now = deps.clock();
    const context: EmailContext = {
      now,
      shopEmail: settings.shopEmail,
      ...(settings.shopAddress && { shopAddress: settings.shopAddress }),
      invoiceUrl: async (orderId) => (settings.apiUrl ? deps.links.invoicePdf(settings.apiUrl, orderId) : undefined),
      creditNoteUrl: async (orderId, number) => (settings.apiUrl ? deps.links.creditNotePdf(settings.apiUrl, orderId, number) : undefined),
      downloadLinks: (order) => deps.links.downloads(order, now),
    };
    const key: EmailKey = { eventId: event.eventId, template: email.template };
    const lease = { id: deps.ids(), until: new Date(now.getTime() + LEASE_SECONDS * 1000) };
    const outcome = await deps.sentEmails.lease(key, lease, now);
    if (outcome === 'sent') continue;
    if (outcome === 'busy') {
      failures.push(new EmailBeingSent(`The ${email.template} email of event ${event.eventId} is being sent by another copy: retry later.`));
      continue;
    }
    try {
      const { to, locale } = email.recipient(event.data, context);
      const rendered = renderEmail(await email.compose(event.data, locale, context), locale);
      await deps.mailer.send({ to, ...rendered, template: email.template, eventId: event.eventId }, settings.sender);
    } catch (error) {
      await deps.sentEmails.release(key, lease.id);
      failures.push(error);
      continue;
    }
    // The email is out: failing now would have the queue send it again at once. Its lease stays
    // (nothing resends it before it runs out) and the miss is said in the logs.
    await deps.sentEmails.markSent(key, lease.id, deps.clock()).catch((error: unknown) => deps.warn('email sent but not recorded as sent', { ...key, error: String(error) }));
  }
  if (failures.length > 0) throw failures[0];
};

import type * as z from 'zod/mini';
import type { Locale } from '#kernel/customer';
import type { EventContract } from '#kernel/events';
import type { EmailContent } from '../domain/email';
import type { EmailContext } from './ports';

/**
 * One kind of email: the event it tells, who gets it in which language, and what it says.
 * Adding an email is adding one file that defines one of these (see `emails/`).
 */
export interface EmailDefinition<C extends EventContract = EventContract> {
  /** Names it in the memory of sent emails, the SES tags and the outbox: never rename one in use. */
  template: string;
  event: C;
  recipient(data: z.infer<C['schema']>, context: EmailContext): { to: string; locale: Locale };
  compose(data: z.infer<C['schema']>, locale: Locale, context: EmailContext): EmailContent | Promise<EmailContent>;
}

/** Checks a definition against its event's schema, then forgets the event type so definitions fit in one list. */
export const defineEmail = <C extends EventContract>(definition: EmailDefinition<C>): EmailDefinition => definition as unknown as EmailDefinition;


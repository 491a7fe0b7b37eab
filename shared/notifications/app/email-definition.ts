import type * as z from 'zod/mini';
import type { Locale } from '#kernel/customer';
import type { EventContract } from '#kernel/events';
import type { EmailContent } from '../domain/email';
import type { EmailContext } from './ports';

/**
 * One kind of email: who gets it in which language, and what it says, for the event it tells
 * (`C`; `emails/all.ts` pairs each with its event). Adding an email is adding one file that
 * defines one of these (see `emails/`), and its line in `all.ts`.
 */
export interface EmailDefinition<C extends EventContract = EventContract> {
  /** Names it in the memory of sent emails, the SES tags and the outbox: never rename one in use. */
  template: string;
  // Function properties, not methods: checked strictly, so a definition cannot be paired with another event.
  recipient: (data: z.infer<C['schema']>, context: EmailContext) => { to: string; locale: Locale };
  compose: (data: z.infer<C['schema']>, locale: Locale, context: EmailContext) => EmailContent | Promise<EmailContent>;
}

/** Checks a definition against its event's data (`defineEmail<typeof OrderPaid>({ … })`). */
export const defineEmail = <C extends EventContract>(definition: EmailDefinition<C>): EmailDefinition<C> => definition;

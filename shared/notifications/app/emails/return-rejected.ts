import type { Locale } from '#kernel/customer';
import type { ReturnRejected } from '#returns/contracts/events';
import { returnLines } from '../../domain/after-sales';
import { greeting } from '../../domain/greeting';
import { defineEmail } from '../email-definition';

const words = {
  fr: {
    subject: (number: string) => `Votre demande de retour pour la commande n° ${number}`,
    heading: 'Votre demande de retour est refusée',
    rejected: (number: string, id: string) => `Nous ne pouvons pas accepter votre demande de retour ${id} pour la commande n° ${number}, qui portait sur :`,
    why: 'Motif :',
    noReason: "Aucun motif n'a été précisé.",
    help: 'Une question, ou un désaccord ? Répondez simplement à cet e-mail.',
  },
  en: {
    subject: (number: string) => `Your return request for order ${number}`,
    heading: 'Your return request was declined',
    rejected: (number: string, id: string) => `We cannot accept your return request ${id} for order ${number}, which covered:`,
    why: 'Reason:',
    noReason: 'No reason was given.',
    help: 'A question, or you disagree? Just reply to this email.',
  },
} satisfies Record<Locale, unknown>;

/** To the customer when the shop rejects a return: which one, and why, in the shop's own words. */
export const returnRejected = defineEmail<typeof ReturnRejected>({
  template: 'return-rejected',
  recipient: ({ order }) => ({ to: order.customer.email, locale: order.customer.locale }),
  compose: ({ order, return: rejected }, locale) => {
    const w = words[locale];
    const reason = rejected.rejectionReason?.trim();
    return {
      subject: w.subject(order.number),
      heading: w.heading,
      blocks: [
        greeting(order.customer, locale),
        { kind: 'paragraph', text: w.rejected(order.number, rejected.id) },
        { kind: 'list', items: returnLines(rejected.items, order, locale) },
        { kind: 'paragraph', text: reason ? `${w.why}\n${reason}` : w.noReason },
        { kind: 'paragraph', text: w.help },
      ],
    };
  },
});

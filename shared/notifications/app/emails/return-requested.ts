import type { Locale } from '#kernel/customer';
import type { ReturnRequested } from '#returns/contracts/events';
import { returnLines } from '../../domain/after-sales';
import { greeting } from '../../domain/greeting';
import { defineEmail } from '../email-definition';

const words = {
  fr: {
    subject: (number: string) => `Votre demande de retour pour la commande n° ${number}`,
    heading: 'Nous avons bien reçu votre demande de retour',
    requested: (id: string, number: string) => `Votre demande de retour ${id} pour la commande n° ${number} est enregistrée. Elle porte sur :`,
    next: "N'envoyez rien pour l'instant : dès que nous l'aurons examinée, un e-mail vous dira comment nous renvoyer les articles.",
  },
  en: {
    subject: (number: string) => `Your return request for order ${number}`,
    heading: 'We have received your return request',
    requested: (id: string, number: string) => `Your return request ${id} for order ${number} is recorded. It covers:`,
    next: 'Please do not send anything yet: once we have reviewed it, an email will tell you how to send the items back.',
  },
} satisfies Record<Locale, unknown>;

/**
 * To the customer when they ask for a return: an acknowledgement, which also dates their notice
 * of withdrawal (the refund deadline runs from it).
 */
export const returnRequested = defineEmail<typeof ReturnRequested>({
  template: 'return-requested',
  recipient: ({ order }) => ({ to: order.customer.email, locale: order.customer.locale }),
  compose: ({ order, return: requested }, locale) => {
    const w = words[locale];
    return {
      subject: w.subject(order.number),
      heading: w.heading,
      blocks: [
        greeting(order.customer, locale),
        { kind: 'paragraph', text: w.requested(requested.id, order.number) },
        { kind: 'list', items: returnLines(requested.items, order, locale) },
        { kind: 'paragraph', text: w.next },
      ],
    };
  },
});

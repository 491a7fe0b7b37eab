import type { OrderPaid } from '#ordering/contracts/events';
import type { Locale } from '#kernel/customer';
import { contractConfirmation } from '../../domain/contract-confirmation';
import type { Block } from '../../domain/email';
import { orderRows } from '../../domain/order-summary';
import { greeting } from '../../domain/greeting';
import { defineEmail } from '../email-definition';

const words = {
  fr: {
    subject: (number: string) => `Confirmation de votre commande n° ${number}`,
    heading: 'Merci pour votre commande',
    paid: (number: string, invoice: string) => `Nous avons bien reçu votre paiement pour la commande n° ${number}. Votre facture porte le numéro ${invoice}.`,
    invoiceLink: 'Télécharger votre facture (PDF)',
    shipping: 'Nous vous écrirons dès que votre colis partira.',
    downloads: 'Vos liens de téléchargement arrivent dans un autre e-mail.',
  },
  en: {
    subject: (number: string) => `Your order ${number} is confirmed`,
    heading: 'Thank you for your order',
    paid: (number: string, invoice: string) => `We have received your payment for order ${number}. Your invoice number is ${invoice}.`,
    invoiceLink: 'Download your invoice (PDF)',
    shipping: 'We will write again as soon as your parcel leaves.',
    downloads: 'Your download links come in a separate email.',
  },
} satisfies Record<Locale, unknown>;

/**
 * To the customer once the order is paid: its invoice number and a link to the PDF, its lines and
 * totals, and the confirmation of the contract the law asks for on a durable medium (the terms
 * accepted, the right of withdrawal and its form, the waiver for digital content).
 */
export const orderConfirmation = defineEmail<typeof OrderPaid>({
  template: 'order-confirmation',
  recipient: ({ order }) => ({ to: order.customer.email, locale: order.customer.locale }),
  compose: async ({ order }, locale, context) => {
    const w = words[locale];
    const invoiceUrl = await context.invoiceUrl(order.id);
    const blocks: Block[] = [
      greeting(order.customer, locale),
      { kind: 'paragraph', text: w.paid(order.number, order.invoiceNumber) },
      ...(invoiceUrl ? [{ kind: 'link' as const, label: w.invoiceLink, url: invoiceUrl }] : []),
      ...orderRows(order, locale),
      ...(order.items.some((line) => line.type === 'physical') ? [{ kind: 'paragraph' as const, text: w.shipping }] : []),
      ...(order.items.some((line) => line.type === 'digital') ? [{ kind: 'paragraph' as const, text: w.downloads }] : []),
      ...contractConfirmation(order, locale, { email: context.shopEmail, address: context.shopAddress }),
    ];
    return { subject: w.subject(order.number), heading: w.heading, blocks };
  },
});

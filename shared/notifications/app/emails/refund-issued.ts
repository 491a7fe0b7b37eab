import type { Locale } from '#kernel/customer';
import type { RefundIssued } from '#returns/contracts/events';
import type { Block } from '../../domain/email';
import { formatMoney } from '../../domain/format';
import { greeting } from '../../domain/greeting';
import { defineEmail } from '../email-definition';

const words = {
  fr: {
    subject: (number: string) => `Remboursement de votre commande n° ${number}`,
    heading: 'Votre remboursement est effectué',
    refunded: (amount: string, number: string) => `Nous vous avons remboursé ${amount} sur votre commande n° ${number}, sur le moyen de paiement utilisé pour la commande.`,
    amount: 'Montant remboursé',
    creditNote: "N° de la facture d'avoir",
    creditNoteLink: "Télécharger votre facture d'avoir (PDF)",
    forReturn: (id: string) => `Ce remboursement concerne votre retour ${id}.`,
    all: 'Votre commande est maintenant entièrement remboursée.',
    cancelled: 'Votre commande est annulée : ce remboursement vous rend tout ce qui restait de votre paiement.',
    delay: 'Selon votre banque, la somme apparaît sur votre compte sous quelques jours ouvrés.',
  },
  en: {
    subject: (number: string) => `Refund for your order ${number}`,
    heading: 'Your refund has been made',
    refunded: (amount: string, number: string) => `We have refunded ${amount} of your order ${number}, to the means of payment used for the order.`,
    amount: 'Amount refunded',
    creditNote: 'Credit note number',
    creditNoteLink: 'Download your credit note (PDF)',
    forReturn: (id: string) => `This refund is for your return ${id}.`,
    all: 'Your order is now fully refunded.',
    cancelled: 'Your order is cancelled: this refund gives back all that was left of your payment.',
    delay: 'Depending on your bank, the money shows on your account within a few business days.',
  },
} satisfies Record<Locale, unknown>;

/**
 * To the customer once Stripe has given money back: how much, and for an invoiced order the credit
 * note that corrects the invoice, with a link to its PDF. The refund's reason is the shop's own
 * note and is not shown.
 */
export const refundIssued = defineEmail<typeof RefundIssued>({
  template: 'refund-issued',
  recipient: ({ order }) => ({ to: order.customer.email, locale: order.customer.locale }),
  compose: async ({ order, refund }, locale, context) => {
    const w = words[locale];
    const amount = formatMoney(refund.amount, locale);
    const number = refund.creditNoteNumber;
    const pdf = number ? await context.creditNoteUrl(order.id, number) : undefined;
    const blocks: Block[] = [
      greeting(order.customer, locale),
      { kind: 'paragraph', text: w.refunded(amount, order.number) },
      { kind: 'rows', rows: [{ label: w.amount, value: amount, strong: true }, ...(number ? [{ label: w.creditNote, value: number }] : [])] },
      ...(pdf ? [{ kind: 'link' as const, label: w.creditNoteLink, url: pdf }] : []),
      ...(refund.returnId ? [{ kind: 'paragraph' as const, text: w.forReturn(refund.returnId) }] : []),
      ...(order.status === 'refunded' ? [{ kind: 'paragraph' as const, text: w.all }] : []),
      ...(order.status === 'cancelled' ? [{ kind: 'paragraph' as const, text: w.cancelled }] : []),
      { kind: 'paragraph', text: w.delay },
    ];
    return { subject: w.subject(order.number), heading: w.heading, blocks };
  },
});

import type { Locale } from '#kernel/customer';
import type { ReturnReceived } from '#returns/contracts/events';
import { greeting } from '../../domain/greeting';
import { units } from '../../domain/order-summary';
import { defineEmail } from '../email-definition';

const words = {
  fr: {
    subject: (number: string) => `Nous avons reçu votre retour pour la commande n° ${number}`,
    heading: 'Votre retour est arrivé',
    received: (id: string, number: string) => `Votre retour ${id} pour la commande n° ${number} est bien arrivé. Nous avons reçu :`,
    damaged: (count: number) => `dont ${count} abîmé(s)`,
    nothing: 'aucun article',
    missing: "Certains articles annoncés ne sont pas dans le colis : seuls ceux que nous avons reçus sont remboursés. Répondez à cet e-mail s'ils sont partis à part.",
    refund: 'Votre remboursement est en cours : un e-mail vous confirmera son montant dès qu\'il sera effectué.',
    refunded: 'Votre commande vous a déjà été remboursée en totalité : aucun autre remboursement ne suivra.',
  },
  en: {
    subject: (number: string) => `We have received your return for order ${number}`,
    heading: 'Your return has arrived',
    received: (id: string, number: string) => `Your return ${id} for order ${number} has arrived. We received:`,
    damaged: (count: number) => `${count} of them damaged`,
    nothing: 'no items',
    missing: 'Some of the items announced were not in the parcel: only those we received are refunded. Reply to this email if they were sent separately.',
    refund: 'Your refund is under way: an email will confirm its amount as soon as it is made.',
    refunded: 'Your order was already refunded in full: no further refund will follow.',
  },
} satisfies Record<Locale, unknown>;

/**
 * To the customer when the goods of a return came back: what arrived, and that the refund follows,
 * or, when the order was refunded in full before they arrived (the return is `refunded` already),
 * that none will.
 */
export const returnReceived = defineEmail<typeof ReturnReceived>({
  template: 'return-received',
  recipient: ({ order }) => ({ to: order.customer.email, locale: order.customer.locale }),
  compose: ({ order, return: back }, locale) => {
    const w = words[locale];
    const received = back.received ?? [];
    const nameOf = (sku: string) => order.items.find((line) => line.sku === sku)?.name ?? sku;
    const lines = received.filter((line) => line.received > 0).map((line) => units(line.received, nameOf(line.sku)) + (line.damaged > 0 ? ` (${w.damaged(line.damaged)})` : ''));
    const receivedOf = (sku: string) => received.filter((line) => line.sku === sku).reduce((sum, line) => sum + line.received, 0);
    const refundedAlready = back.status === 'refunded';
    const missing = !refundedAlready && back.items.some((line) => receivedOf(line.sku) < line.quantity);
    return {
      subject: w.subject(order.number),
      heading: w.heading,
      blocks: [
        greeting(order.customer, locale),
        { kind: 'paragraph', text: w.received(back.id, order.number) },
        { kind: 'list', items: lines.length > 0 ? lines : [w.nothing] },
        ...(missing ? [{ kind: 'paragraph' as const, text: w.missing }] : []),
        ...(lines.length > 0 ? [{ kind: 'paragraph' as const, text: refundedAlready ? w.refunded : w.refund }] : []),
      ],
    };
  },
});

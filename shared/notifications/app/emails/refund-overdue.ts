import type { Locale } from '#kernel/customer';
import type { RefundOverdue } from '#returns/contracts/events';
import { returnLines } from '../../domain/after-sales';
import { formatDate, formatDateTime } from '../../domain/format';
import { defineEmail } from '../email-definition';

const words = {
  fr: {
    subject: (number: string, id: string) => `Remboursement en retard : commande n° ${number}, retour ${id}`,
    heading: 'Remboursement en retard',
    late: (number: string, date: string) => `La rétractation de la commande n° ${number} devait être remboursée au plus tard le ${date}. Elle ne l'est toujours pas.`,
    order: 'Commande',
    orderId: 'Identifiant de commande',
    returnId: 'Retour',
    due: 'Échéance',
    requested: 'Demandé le',
    customer: 'Client',
    items: 'Articles concernés :',
    penalties:
      "Depuis l'échéance, les sommes dues sont majorées de plein droit (Code de la consommation, art. L242-4) : du taux d'intérêt légal dans les 10 premiers jours de retard, puis de 5 %, 10 %, 20 % et 50 % selon le retard, et davantage chaque mois ensuite.",
    act: (returnId: string, orderId: string) => `Réceptionnez le retour (POST /admin/returns/${returnId}/receive) ou remboursez la commande (POST /admin/orders/${orderId}/refunds).`,
  },
  en: {
    subject: (number: string, id: string) => `Refund overdue: order ${number}, return ${id}`,
    heading: 'Refund overdue',
    late: (number: string, date: string) => `The withdrawal of order ${number} had to be refunded by ${date} at the latest. It still is not.`,
    order: 'Order',
    orderId: 'Order id',
    returnId: 'Return',
    due: 'Deadline',
    requested: 'Requested on',
    customer: 'Customer',
    items: 'Items concerned:',
    penalties:
      'Since the deadline, the sums owed grow by law (French Code de la consommation, art. L242-4): by the legal interest rate in the first 10 days late, then by 5%, 10%, 20% and 50% as the delay grows, and more each month after.',
    act: (returnId: string, orderId: string) => `Receive the return (POST /admin/returns/${returnId}/receive) or refund the order (POST /admin/orders/${orderId}/refunds).`,
  },
} satisfies Record<Locale, unknown>;

/**
 * To the shop, once per return, when a withdrawal is still not refunded past its deadline (Code de
 * la consommation L221-24): which order and return, the deadline, and that the penalties of L242-4
 * now grow. In French, like the shop's other alerts (the settings name no language for the shop).
 */
export const refundOverdue = defineEmail<typeof RefundOverdue>({
  template: 'refund-overdue',
  recipient: (_data, context) => ({ to: context.shopEmail, locale: 'fr' }),
  compose: ({ order, return: late, refundDueBy }, locale) => {
    const w = words[locale];
    return {
      subject: w.subject(order.number, late.id),
      heading: w.heading,
      blocks: [
        { kind: 'paragraph', text: w.late(order.number, formatDate(refundDueBy, locale)) },
        {
          kind: 'rows',
          rows: [
            { label: w.order, value: order.number },
            { label: w.orderId, value: order.id },
            { label: w.returnId, value: late.id },
            { label: w.requested, value: formatDateTime(late.createdAt, locale) },
            { label: w.due, value: formatDateTime(refundDueBy, locale), strong: true },
            { label: w.customer, value: order.customer.email },
          ],
        },
        { kind: 'paragraph', text: w.items },
        { kind: 'list', items: returnLines(late.items, order, locale) },
        { kind: 'paragraph', text: w.penalties },
        { kind: 'paragraph', text: w.act(late.id, order.id) },
      ],
    };
  },
});

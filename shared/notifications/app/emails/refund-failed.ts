import type { Locale } from '#kernel/customer';
import type { RefundFailed } from '#returns/contracts/events';
import { formatMoney } from '../../domain/format';
import { defineEmail } from '../email-definition';

const words = {
  fr: {
    subject: (number: string, amount: string) => `Remboursement échoué : commande n° ${number}, ${amount}`,
    heading: 'Remboursement échoué',
    failed: (number: string, amount: string) => `Stripe n'a pas pu rembourser ${amount} au client de la commande n° ${number}. Ce montant est de nouveau remboursable.`,
    order: 'Commande',
    refund: 'Remboursement',
    amount: 'Montant',
    why: 'Motif donné par Stripe',
    unknown: 'non précisé',
    customer: 'Client',
    act: (orderId: string) => `Relancez-le (POST /admin/orders/${orderId}/refunds), ou contactez le client pour le rembourser autrement.`,
  },
  en: {
    subject: (number: string, amount: string) => `Refund failed: order ${number}, ${amount}`,
    heading: 'Refund failed',
    failed: (number: string, amount: string) => `Stripe could not refund ${amount} to the customer of order ${number}. That amount is refundable again.`,
    order: 'Order',
    refund: 'Refund',
    amount: 'Amount',
    why: "Stripe's reason",
    unknown: 'not given',
    customer: 'Customer',
    act: (orderId: string) => `Try again (POST /admin/orders/${orderId}/refunds), or contact the customer to refund them another way.`,
  },
} satisfies Record<Locale, unknown>;

/**
 * To the shop when Stripe fails a refund (refused at once, or the bank failed it later): the money
 * did not go back, and only the shop can try again. In French, like the shop's other alerts.
 */
export const refundFailed = defineEmail<typeof RefundFailed>({
  template: 'refund-failed',
  recipient: (_data, context) => ({ to: context.shopEmail, locale: 'fr' }),
  compose: ({ order, refund }, locale) => {
    const w = words[locale];
    const amount = formatMoney(refund.amount, locale);
    return {
      subject: w.subject(order.number, amount),
      heading: w.heading,
      blocks: [
        { kind: 'paragraph', text: w.failed(order.number, amount) },
        {
          kind: 'rows',
          rows: [
            { label: w.order, value: order.number },
            { label: w.refund, value: refund.id },
            { label: w.amount, value: amount, strong: true },
            { label: w.why, value: refund.failureReason ?? w.unknown },
            { label: w.customer, value: order.customer.email },
          ],
        },
        { kind: 'paragraph', text: w.act(order.id) },
      ],
    };
  },
});

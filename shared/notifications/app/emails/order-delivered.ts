import type { OrderDelivered } from '#fulfillment/contracts/events';
import type { Locale } from '#kernel/customer';
import { formatDate } from '../../domain/format';
import { parcelContents } from '../../domain/parcel';
import { greeting } from '../../domain/greeting';
import { defineEmail } from '../email-definition';

const words = {
  fr: {
    subject: (number: string) => `Votre commande n° ${number} a été livrée`,
    heading: 'Votre colis est arrivé',
    delivered: (number: string, tracking: string, date: string) => `Le colis ${tracking} de votre commande n° ${number} a été livré le ${date}. Il contenait :`,
    all: 'Toute votre commande est maintenant livrée.',
    more: "D'autres colis de votre commande sont encore en route.",
    help: 'Un souci avec votre commande ? Répondez simplement à cet e-mail.',
  },
  en: {
    subject: (number: string) => `Your order ${number} has been delivered`,
    heading: 'Your parcel has arrived',
    delivered: (number: string, tracking: string, date: string) => `Parcel ${tracking} of your order ${number} was delivered on ${date}. It held:`,
    all: 'Your whole order has now been delivered.',
    more: 'More parcels of your order are still on their way.',
    help: 'Something wrong with your order? Just reply to this email.',
  },
} satisfies Record<Locale, unknown>;

/** To the customer, once per parcel delivered; says whether the whole order is there. */
export const orderDelivered = defineEmail<typeof OrderDelivered>({
  template: 'order-delivered',
  recipient: ({ order }) => ({ to: order.customer.email, locale: order.customer.locale }),
  compose: ({ order, shipment }, locale) => {
    const w = words[locale];
    // A parcel marked delivered carries its time; an older event without it is told with the order's.
    const date = formatDate(shipment.deliveredAt ?? order.deliveredAt ?? order.updatedAt, locale);
    return {
      subject: w.subject(order.number),
      heading: w.heading,
      blocks: [
        greeting(order.customer, locale),
        { kind: 'paragraph', text: w.delivered(order.number, shipment.trackingNumber, date) },
        { kind: 'list', items: parcelContents(shipment, order) },
        // Not the status: a refunded order stays refunded when its last parcel arrives.
        { kind: 'paragraph', text: order.deliveredAt ? w.all : w.more },
        { kind: 'paragraph', text: w.help },
      ],
    };
  },
});

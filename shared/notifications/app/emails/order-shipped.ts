import type { OrderShipped } from '#fulfillment/contracts/events';
import type { Locale } from '#kernel/customer';
import { formatDate } from '../../domain/format';
import { carrierName, parcelContents } from '../../domain/parcel';
import { greeting } from '../../domain/greeting';
import { defineEmail } from '../email-definition';

const words = {
  fr: {
    subject: (number: string) => `Votre commande n° ${number} est en route`,
    heading: 'Votre colis est parti',
    left: (number: string, carrier: string, date: string) => `Un colis de votre commande n° ${number} a été confié à ${carrier} le ${date}. Il contient :`,
    more: 'Le reste de votre commande suivra dans un autre colis.',
    carrier: 'Transporteur',
    tracking: 'N° de suivi',
    track: 'Suivre votre colis',
  },
  en: {
    subject: (number: string) => `Your order ${number} is on its way`,
    heading: 'Your parcel is on its way',
    left: (number: string, carrier: string, date: string) => `A parcel of your order ${number} was handed to ${carrier} on ${date}. It holds:`,
    more: 'The rest of your order will follow in another parcel.',
    carrier: 'Carrier',
    tracking: 'Tracking number',
    track: 'Track your parcel',
  },
} satisfies Record<Locale, unknown>;

/** To the customer, once per parcel: its carrier, tracking number and link, and what is in it. */
export const orderShipped = defineEmail<typeof OrderShipped>({
  template: 'order-shipped',
  recipient: ({ order }) => ({ to: order.customer.email, locale: order.customer.locale }),
  compose: ({ order, shipment }, locale) => {
    const w = words[locale];
    const carrier = carrierName(shipment.carrier, locale);
    return {
      subject: w.subject(order.number),
      heading: w.heading,
      blocks: [
        greeting(order.customer, locale),
        { kind: 'paragraph', text: w.left(order.number, carrier, formatDate(shipment.shippedAt, locale)) },
        { kind: 'list', items: parcelContents(shipment, order) },
        {
          kind: 'rows',
          rows: [
            { label: w.carrier, value: carrier },
            { label: w.tracking, value: shipment.trackingNumber },
          ],
        },
        { kind: 'link', label: w.track, url: shipment.trackingUrl },
        ...(order.status === 'partially_shipped' ? [{ kind: 'paragraph' as const, text: w.more }] : []),
      ],
    };
  },
});

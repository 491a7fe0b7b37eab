import type { Locale } from '#kernel/customer';
import { units } from './order-summary';

/** How customers know the carriers (API.md lists the codes); `other` says "the carrier". */
const carriers: Record<string, string> = {
  colissimo: 'Colissimo',
  chronopost: 'Chronopost',
  laposte: 'La Poste',
  'mondial-relay': 'Mondial Relay',
  dhl: 'DHL',
  ups: 'UPS',
  fedex: 'FedEx',
  dpd: 'DPD',
  gls: 'GLS',
};

const anyCarrier: Record<Locale, string> = { fr: 'notre transporteur', en: 'our carrier' };

export const carrierName = (code: string, locale: Locale): string => carriers[code] ?? anyCarrier[locale];

/** `2 × Mug émaillé bleu` for each product of a parcel, named as on the order. */
export const parcelContents = (
  parcel: { items: readonly { sku: string; quantity: number }[] },
  order: { items: readonly { sku: string; name: string }[] },
): string[] => parcel.items.map((unit) => units(unit.quantity, order.items.find((line) => line.sku === unit.sku)?.name ?? unit.sku));

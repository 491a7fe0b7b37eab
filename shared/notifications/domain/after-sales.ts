import type { Address, Locale } from '#kernel/customer';
import { formatCountry } from './format';
import { units } from './order-summary';

/** How customers read the return reasons (API.md lists the codes); an unknown code is shown as it is. */
const reasons: Record<Locale, Record<string, string>> = {
  fr: {
    withdrawal: 'rétractation',
    defective: 'produit défectueux',
    wrong_item: 'mauvais article reçu',
    damaged_in_transit: 'abîmé pendant le transport',
    not_as_described: 'non conforme à la description',
    other: 'autre motif',
  },
  en: {
    withdrawal: 'withdrawal',
    defective: 'defective',
    wrong_item: 'wrong item received',
    damaged_in_transit: 'damaged in transit',
    not_as_described: 'not as described',
    other: 'other reason',
  },
};

export const reasonLabel = (reason: string, locale: Locale): string => reasons[locale][reason] ?? reason;

/** `2 × Mug (rétractation)` for each line of a return, named as on the order. */
export const returnLines = (
  lines: readonly { sku: string; quantity: number; reason: string }[],
  order: { items: readonly { sku: string; name: string }[] },
  locale: Locale,
): string[] => lines.map((line) => `${units(line.quantity, order.items.find((item) => item.sku === line.sku)?.name ?? line.sku)} (${reasonLabel(line.reason, locale)})`);

/** An address as written on a parcel, one line per line; the country spelt out for the customer. */
export const postalAddress = (address: Address, locale: Locale): string =>
  [address.name, address.line1, address.line2, `${address.postalCode} ${address.city}`, formatCountry(address.country, locale)]
    .filter((line): line is string => Boolean(line?.trim()))
    .join('\n');

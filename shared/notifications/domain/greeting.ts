import type { Locale } from '#kernel/customer';
import type { Block } from './email';

/** Whom the customer's emails greet: the name on the parcel's address, else the bill's; else no name. */
export interface Addressee {
  shippingAddress?: { name: string } | undefined;
  billingAddress?: { name: string } | undefined;
}

/** `Bonjour Camille Martin,` / `Hello Camille Martin,`: the opening line of a customer's email. */
export const greeting = (customer: Addressee, locale: Locale): Block => {
  const name = (customer.shippingAddress?.name ?? customer.billingAddress?.name)?.trim();
  const hello = locale === 'fr' ? 'Bonjour' : 'Hello';
  return { kind: 'paragraph', text: name ? `${hello} ${name},` : `${hello},` };
};

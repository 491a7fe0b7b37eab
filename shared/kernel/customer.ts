/** A postal address, as carts, orders and invoices hold it. */
export interface Address {
  name: string;
  line1: string;
  line2?: string;
  postalCode: string;
  city: string;
  /** ISO 3166-1 alpha-2. */
  country: string;
  phone?: string;
}

/** The language of the customer's emails and documents. */
export type Locale = 'fr' | 'en';

/** Who buys: where to write, where to ship, whom to bill, in which language. */
export interface Customer {
  email: string;
  /** Absent on carts and orders made before locales existed: read as French. */
  locale?: Locale;
  shippingAddress?: Address;
  billingAddress?: Address;
}

/** The customer's language, French unless they chose English. */
export const localeOf = (customer: Pick<Customer, 'locale'> | null | undefined): Locale => customer?.locale ?? 'fr';

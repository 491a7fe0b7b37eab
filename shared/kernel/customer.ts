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

/** Who buys: where to write, where to ship, whom to bill. */
export interface Customer {
  email: string;
  shippingAddress?: Address;
  billingAddress?: Address;
}

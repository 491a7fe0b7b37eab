import type { Customer } from '#kernel/customer';
import { divideRounded, type Money } from '#kernel/money';
import type { PricingLine } from '#pricing/domain/price-cart';
import type { Seller } from '#settings/domain/settings';
import type { CancellingInvoice, CreditNote, OrderRefund, OrderReturn } from './after-sales';

export type OrderStatus =
  | 'pending_payment'
  | 'paid'
  | 'partially_shipped'
  | 'shipped'
  | 'delivered'
  | 'cancelled'
  | 'partially_refunded'
  | 'refunded';

/**
 * The transitions an order may make. Every state change is a conditional write on the current
 * status, so a late or duplicated event that asks for a transition not listed here changes nothing.
 */
export const transitions: Record<OrderStatus, readonly OrderStatus[]> = {
  pending_payment: ['paid', 'cancelled'],
  // An order of digital goods only is delivered as soon as it is paid.
  paid: ['partially_shipped', 'shipped', 'delivered', 'cancelled', 'partially_refunded', 'refunded'],
  // A second partial shipment leaves the order partially shipped.
  // The shop cancelling what is left of an order whose parcels have all arrived delivers it.
  partially_shipped: ['partially_shipped', 'shipped', 'delivered', 'partially_refunded', 'refunded'],
  // One parcel of several delivered leaves the order shipped until the last one is.
  shipped: ['shipped', 'delivered', 'partially_refunded', 'refunded'],
  delivered: ['partially_refunded', 'refunded'],
  // A refund, in part or in full, ships nothing: the shop may still cancel an order it has not shipped.
  partially_refunded: ['partially_refunded', 'refunded', 'shipped', 'partially_shipped', 'delivered', 'paid', 'cancelled'],
  // Back to where the goods are only when the bank fails a refund Stripe had reported succeeded.
  refunded: ['partially_refunded', 'paid', 'partially_shipped', 'shipped', 'delivered', 'cancelled'],
  cancelled: [],
};

export const canTransition = (from: OrderStatus, to: OrderStatus): boolean => transitions[from].includes(to);

const statuses = Object.keys(transitions) as OrderStatus[];

/** Every status an order may leave for `to`: the condition of a write that moves it there. */
export const statusesLeadingTo = (to: OrderStatus): OrderStatus[] => statuses.filter((from) => canTransition(from, to));

/**
 * The statuses, among `from`, that may move to `to`; throws if one may not. A use case that names
 * its source states (expiry cancels only unpaid orders) is checked against the table here.
 */
export const allowedSources = (from: readonly OrderStatus[], to: OrderStatus): readonly OrderStatus[] => {
  const illegal = from.filter((s) => !canTransition(s, to));
  if (illegal.length > 0) throw new Error(`An order cannot go from ${illegal.join(', ')} to ${to}.`);
  return from;
};

/** While an order awaits its money, Stripe's news about the attempt (3-D Secure, declined) is shown on it. */
export const awaitingPayment: readonly OrderStatus[] = ['pending_payment'];

export type PaymentStatus = 'requires_payment_method' | 'requires_action' | 'processing' | 'succeeded' | 'failed' | 'canceled';

export interface OrderLine extends PricingLine {
  lineTotal: Money;
  discount: Money;
  /** Basis points: 2000 = 20 %. */
  taxRate: number;
  tax: Money;
}

/**
 * The unit price without VAT that a French invoice or credit note states (CGI ann. II art. 242
 * nonies A), net of the line's discount: the line's total without VAT divided by its units,
 * rounded half up to the cent. So quantity × unit price is the line's total to within half a cent
 * per unit (3 units for 10,00 € HT: 3,33 € each); the total, on which the VAT was computed, is the
 * amount that counts.
 */
export const unitPriceExcludingTax = (totalExcludingTax: Money, quantity: number): Money => ({
  ...totalExcludingTax,
  amount: divideRounded(totalExcludingTax.amount, quantity),
});

export interface OrderTotals {
  subtotal: Money;
  discount: Money;
  shipping: Money;
  tax: Money;
  total: Money;
}

export interface TaxLine {
  rate: number;
  base: Money;
  tax: Money;
}

/** The carriers the shop ships with; `other` has no known tracking page. */
export const carriers = ['colissimo', 'chronopost', 'laposte', 'mondial-relay', 'dhl', 'ups', 'fedex', 'dpd', 'gls', 'other'] as const;
export type Carrier = (typeof carriers)[number];

/** Units of one product, in a parcel or a return. */
export interface OrderUnits {
  sku: string;
  quantity: number;
}

/** A parcel that left the shop: the order keeps every one of them. */
export interface Shipment {
  id: string;
  carrier: Carrier;
  trackingNumber: string;
  trackingUrl: string;
  items: OrderUnits[];
  shippedAt: string;
  deliveredAt?: string;
}

export interface Order {
  id: string;
  number: string;
  status: OrderStatus;
  currency: Money['currency'];
  items: OrderLine[];
  customer: Customer;
  customerId?: string;
  promotions: string[];
  totals: OrderTotals;
  taxBreakdown: TaxLine[];
  pricesIncludeTax: boolean;
  termsAcceptedAt: string;
  termsVersion: string;
  /**
   * When the buyer asked for immediate delivery of the digital goods and acknowledged losing the
   * 14-day withdrawal right for them (Code de la consommation L221-28 13°). Set on orders with
   * digital goods only.
   */
  digitalWithdrawalWaiverAt?: string;
  /** The parcels sent, oldest first. */
  shipments?: Shipment[];
  /** When the digital goods were made available for download (at payment). */
  digitalDeliveredAt?: string;
  /** When the last of the goods reached the customer: the return window counts from it. */
  deliveredAt?: string;
  /** Units the shop cancelled before they shipped (a partly shipped order cancelled): never shipped. */
  cancelledUnits?: OrderUnits[];
  /** Returns the customer asked for, oldest first. */
  returns?: OrderReturn[];
  /** Refunds, pending or settled, oldest first: their sum never exceeds what was captured. */
  refunds?: OrderRefund[];
  /** Credit notes issued by the refunds of this (invoiced) order. */
  creditNotes?: CreditNote[];
  /** Invoices that cancel credit notes of refunds the bank failed afterwards. */
  cancellingInvoices?: CancellingInvoice[];
  /**
   * Bumped by every change that reads the order first (a shipment, a delivery): the write holds
   * only if no other change came in between.
   */
  revision?: number;
  payment: { provider: 'stripe'; paymentIntentId: string; status: PaymentStatus };
  invoiceNumber: string | null;
  cartId: string;
  paymentDueAt: string;
  cancelledAt?: string;
  cancellationReason?: string;
  paidAt?: string;
  /** Set when Stripe reported an amount that is not the order total, or refunded beyond what was left: a person must look. */
  review?: { reason: 'amount_mismatch' | 'payment_intent_mismatch' | 'refund_beyond_what_is_left'; paymentIntentId?: string; received: Money; at: string };
  /** Set when money arrived after the order was cancelled and was refunded automatically. */
  lateRefund?: { refundId: string; at: string };
  /**
   * The seller as the settings named it when the order was paid: its invoice prints this one,
   * whatever changes later. Absent when the shop had no seller configured: no invoice then.
   */
  seller?: Seller;
  /** Keys of the per-client counters of unpaid orders it holds: given back when paid or cancelled. */
  holds?: readonly { PK: string; SK: string }[];
  createdAt: string;
  updatedAt: string;
}

/** Human-readable order number: the year and a per-year counter, e.g. "2026-000123". */
export const formatOrderNumber = (year: number, sequence: number): string =>
  `${year}-${String(sequence).padStart(6, '0')}`;

/**
 * An unpaid order cancelled (its payment expired, or the shop cancelled it) once its PaymentIntent
 * was cancelled at Stripe: it shows its payment canceled at once, not when Stripe's webhook lands.
 */
export const cancelledUnpaid = (order: Order, reason: string, now: Date): Order => {
  const at = now.toISOString();
  return { ...order, status: 'cancelled', cancelledAt: at, cancellationReason: reason, updatedAt: at, payment: { ...order.payment, status: 'canceled' } };
};

/**
 * Units reserved per physical product: what checkout takes from stock, a cancellation of the
 * unpaid order gives back, and the stock view counts as reserved while the order is pending.
 */
export const reservedUnits = (order: Pick<Order, 'items'>): { sku: string; quantity: number }[] =>
  order.items.filter((i) => i.type === 'physical').map((i) => ({ sku: i.sku, quantity: i.quantity }));

/**
 * What a cancellation dropped, per product: every line of an order cancelled whole (unpaid, or
 * paid and nothing shipped: its status is `cancelled`); of one cancelled once partly shipped, the
 * units that had not shipped (`cancelledUnits`), its goods shipped and digital content staying.
 */
export const cancelledItems = (order: Pick<Order, 'status' | 'items' | 'cancelledUnits'>): OrderUnits[] =>
  order.status === 'cancelled' ? order.items.map(({ sku, quantity }) => ({ sku, quantity })) : [...(order.cancelledUnits ?? [])];

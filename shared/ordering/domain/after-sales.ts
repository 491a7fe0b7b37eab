import type { Money } from '#kernel/money';

/**
 * What happens to an order after it is paid, as the order item keeps it: returns (RMA), refunds
 * and the credit notes they issue. The order holds them so that one read shows the whole story and
 * one guarded write changes it (see `revision`). The rules live in the returns context's domain.
 */

export const returnReasons = ['withdrawal', 'defective', 'wrong_item', 'damaged_in_transit', 'not_as_described', 'other'] as const;
export type ReturnReason = (typeof returnReasons)[number];

export type ReturnStatus = 'requested' | 'approved' | 'rejected' | 'received' | 'refunded';

export interface ReturnLine {
  sku: string;
  quantity: number;
  reason: ReturnReason;
}

export interface ReceivedLine {
  sku: string;
  /** Units that came back. */
  received: number;
  /** Of those, units that cannot be sold again: not restocked. */
  damaged: number;
}

export interface OrderReturn {
  id: string;
  status: ReturnStatus;
  items: ReturnLine[];
  createdAt: string;
  /**
   * The refund of a withdrawal is owed within 14 days of the customer's notice (Code de la
   * consommation L221-24); it may wait for the goods to come back. Absent for other reasons, and
   * gone once nothing is owed on it: rejected, or the order refunded in full while it was open.
   */
  refundDueBy?: string;
  decidedAt?: string;
  rejectionReason?: string;
  receivedAt?: string;
  received?: ReceivedLine[];
  /** The refund receiving it started. */
  refundId?: string;
  /** Set once `RefundOverdue` was published for it: once per return. */
  overdueReportedAt?: string;
}

export type RefundStatus = 'pending' | 'succeeded' | 'failed';

/** Part of a refund at one VAT rate: the amount with the VAT it contains. */
export interface RefundPart {
  amount: Money;
  vat: Money;
  /** Basis points. */
  vatRate: number;
}

/** One product's part of a refund: units, and the amount with the VAT it contains. */
export interface RefundLine extends RefundPart {
  sku: string;
  quantity: number;
}

/**
 * The delivery cost a refund gives back, VAT included, with its VAT per rate: the rates of the
 * goods it delivered. A refund stored before delivery followed the goods' rates has no `byRate`
 * but the one `vatRate` its delivery bore.
 */
export interface ShippingRefund {
  amount: Money;
  vat: Money;
  byRate?: RefundPart[];
  vatRate?: number;
}

export interface OrderRefund {
  id: string;
  amount: Money;
  reason: string;
  status: RefundStatus;
  createdAt: string;
  /** What the amount refunds: product lines, the delivery cost, or neither (a goodwill gesture). */
  lines: RefundLine[];
  shipping?: ShippingRefund;
  returnId?: string;
  stripeRefundId?: string;
  settledAt?: string;
  failureReason?: string;
  /** The credit note issued when the refund succeeded (invoiced orders). */
  creditNoteNumber?: string;
  /** Made in Stripe (its dashboard), outside this API: recorded from what Stripe reported. */
  external?: true;
}

/**
 * A credited line: units of a product, or (no sku, quantity 0) a sum credited without goods. Its
 * unit prices and discount are its invoice line's (credited-line.ts, `pricedLine`); a line stored
 * before they were stated has some or none of them, and gets them from the order's line on reading.
 */
export interface CreditNoteLine {
  sku: string;
  description: string;
  quantity: number;
  /** As the shop's prices are (with VAT or without), before the line's discount; 0 without goods. */
  unitPrice?: Money;
  /** What the line's discount took off the credited units; 0 without goods. */
  discount?: Money;
  /** Without VAT, net of the discount (order.ts, `unitPriceExcludingTax`); 0 without goods. */
  unitPriceExcludingTax?: Money;
  vatRate: number;
  totalExcludingTax: Money;
  vat: Money;
  totalIncludingTax: Money;
}

/** A credited line as it is stated (issued now, or read): with its unit prices and discount. */
export type PricedCreditNoteLine = Required<CreditNoteLine>;

/** What a credit note credits, and an invoice cancelling it charges back: lines, delivery, VAT per rate, totals. */
interface CreditedAmounts {
  currency: Money['currency'];
  lines: CreditNoteLine[];
  shipping: Money;
  vatByRate: { rate: number; base: Money; vat: Money }[];
  totals: { excludingTax: Money; vat: Money; includingTax: Money };
}

/** A credit note (facture d'avoir): its own gap-free series, citing the invoice it corrects. */
export interface CreditNote extends CreditedAmounts {
  number: string;
  invoiceNumber: string;
  invoiceDate: string;
  issuedAt: string;
  refundId: string;
}

/** A credit note as it is stated (the API, its PDF): every line priced. */
export type PricedCreditNote = Omit<CreditNote, 'lines'> & { lines: PricedCreditNoteLine[] };

/**
 * An invoice that cancels a credit note issued for a refund the bank then failed: the money never
 * reached the customer, and a numbered credit note is never deleted or renumbered (CGI art. 242
 * nonies A), so an invoice of the invoice series cites it ("facture d'annulation de l'avoir …") and
 * restates exactly what it credited, line by line and rate by rate: the two cancel out.
 */
export interface CancellingInvoice extends CreditedAmounts {
  /** In the invoice series: F2026-000047. */
  number: string;
  issuedAt: string;
  /** The credit note it cancels, and its date. */
  creditNoteNumber: string;
  creditNoteDate: string;
  /** The invoice that credit note corrected, and its date. */
  invoiceNumber: string;
  invoiceDate: string;
  refundId: string;
}

/** Reserved on its order and not a word from Stripe yet (no refund id of Stripe's, not settled): on the watch that asks Stripe again. */
export const unansweredByStripe = (refund: Pick<OrderRefund, 'status' | 'stripeRefundId'>): boolean => refund.status === 'pending' && !refund.stripeRefundId;

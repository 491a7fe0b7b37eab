import type { IdGenerator } from '#kernel/ports';
import type { OrderUnits } from '#ordering/index';
import type { OrderChange, OrderChangeDeps, OrderChangeStore } from '#ordering/index';
import type { PaymentGateway } from '#payments/index';

/** A change of after-sales: the order's, plus what else rides in its transaction. */
export interface AfterSalesChange extends OrderChange {
  /** Units going back to sellable stock: a return's undamaged units, a paid order's cancelled ones. */
  restock?: readonly OrderUnits[];
  /** Units an unpaid order held, released (an unpaid order cancelled). */
  release?: readonly OrderUnits[];
  /** A new return: the admin's routes find its order by its id. */
  newReturn?: { id: string; refundDueBy?: string };
  /** Returns whose refund is no longer owed (refunded, rejected, the order refunded otherwise): off the deadline watch. */
  settledReturns?: readonly string[];
  /** A return whose refund is owed again (its refund failed after it succeeded): back on the deadline watch. */
  owedAgain?: { id: string; refundDueBy: string };
  /** A refund deadline reported overdue: marked so that it is reported once. */
  overdueReported?: string;
}

/** The gap-free series after-sales numbers its documents in: credit notes, and invoices (the payments context's) that cancel them. */
export type DocumentSeries = 'credit-note' | 'invoice';

/** A number taken in a series, and the time its document bears. */
export interface NumberIssued {
  number: string;
  at: Date;
}

export interface AfterSalesStore extends OrderChangeStore<AfterSalesChange> {
  /**
   * Like `save`, and takes the next number of a gap-free series of `now`'s year in the same
   * transaction: `build` makes the change with that number and the time its document bears (`now`,
   * or the previous number's time if that is later: numbers follow their dates). The counter moves
   * only with the change, so no number is ever lost. False when the order changed in between.
   */
  saveNumbered(order: Parameters<AfterSalesStore['save']>[0], numbering: { series: DocumentSeries; now: Date }, build: (issued: NumberIssued) => AfterSalesChange): Promise<boolean>;
  /** The order a return belongs to. */
  orderOfReturn(returnId: string): Promise<string | undefined>;
  /** Refunds reserved before `reservedBefore` that Stripe has not answered yet, oldest first. */
  unansweredRefunds(reservedBefore: Date, limit: number): Promise<{ orderId: string; refundId: string }[]>;
  /** Returns whose refund was due before `now` and not reported yet, oldest deadline first. */
  overdueReturns(now: Date, limit: number): Promise<{ orderId: string; returnId: string }[]>;
}

export interface AfterSalesDeps extends OrderChangeDeps<AfterSalesChange> {
  store: AfterSalesStore;
  ids: IdGenerator;
}

/** What refunding needs besides: Stripe, as the payments context exports it. */
export interface RefundDeps extends AfterSalesDeps {
  paymentGateway: Pick<PaymentGateway, 'createRefund' | 'cancelPaymentIntent'>;
}

/** What recording a refund made in Stripe needs besides: the refund as Stripe holds it now, and the order its PaymentIntent names. */
export interface ExternalRefundDeps extends AfterSalesDeps {
  paymentGateway: Pick<PaymentGateway, 'retrieveRefund'>;
}

import { eventOf } from '#kernel/events';
import type { Order, OrderRefund, RefundStatus } from '#ordering/index';
import { ConflictError, NotFoundError } from '#kernel/errors';
import { orderSnapshot, withPricedLines } from '#ordering/index';
import { factsOf } from '#runtime/outbox';
import { CreditNoteCancelled, CreditNoteIssued, RefundFailed, RefundIssued } from '../contracts/events';
import { cancellingInvoiceOf, creditNoteOf } from '../domain/credit-note';
import { settles, statusAfterRefunds } from '../domain/refunds';
import { deadlinesNoLongerOwed, refundOwedAgain } from '../domain/returns';
import type { AfterSalesChange, AfterSalesDeps, DocumentSeries } from './ports';

export interface RefundOutcome {
  orderId: string;
  refundId: string;
  /** What Stripe says now; `pending` only records Stripe's id. */
  status: RefundStatus;
  stripeRefundId?: string;
  failureReason?: string;
}

/** A refund as events carry it. */
const refundSnapshot = ({ lines: _lines, shipping: _shipping, settledAt: _settled, ...refund }: OrderRefund) => refund;

/**
 * Settles a refund from what Stripe said (its answer to our call, or a webhook, in any order and
 * any number of times): only a move the refund's state machine allows changes anything.
 * - succeeded: the order is partially refunded or refunded (a cancelled order stays cancelled);
 *   an invoiced order gets a credit note, numbered in its gap-free series in the same transaction;
 *   a return it refunds is `refunded`; `RefundIssued` and `CreditNoteIssued` are published. Once
 *   nothing is left to refund, a withdrawal still open owes nothing: its deadline goes, from it and
 *   the order, and off the refund-deadline watch (its goods, if they come back, refund nothing).
 * - failed: its amount is refundable again; `RefundFailed` is published. A credit note issued when
 *   it succeeded is cancelled by an invoice numbered in the invoice series in the same transaction
 *   (`CreditNoteCancelled`): the number stands, the amounts cancel out. A return it had refunded is
 *   `received` again, its refund owed (its deadline back on the order and the watch): receiving it
 *   again with the same lines refunds it anew, as after a refund Stripe refused at once.
 * - pending: Stripe's refund id is kept.
 * Output: the refund as it now stands (undefined for a refund this order does not have).
 */
export const settleRefund = (deps: AfterSalesDeps, outcome: RefundOutcome, correlationId: string): Promise<OrderRefund | undefined> =>
  changeOrderWithNumbers(deps, outcome.orderId, (order, now, number) => {
    const refund = order.refunds?.find((r) => r.id === outcome.refundId);
    if (!refund) return { result: undefined };
    const at = now.toISOString();
    const stripeRefundId = outcome.stripeRefundId ?? refund.stripeRefundId;
    if (!settles(refund, outcome.status)) {
      if (outcome.status !== 'pending' || refund.stripeRefundId || !stripeRefundId) return { result: refund };
      const recorded = { ...refund, stripeRefundId };
      return { change: { status: order.status, fields: { refunds: replace(order, recorded) }, at, facts: [] }, result: recorded };
    }
    const settled: OrderRefund = {
      ...refund,
      status: outcome.status,
      settledAt: at,
      ...(stripeRefundId && { stripeRefundId }),
      ...(outcome.failureReason && { failureReason: outcome.failureReason }),
    };
    if (outcome.status === 'failed') {
      // A refund the bank failed after Stripe reported it succeeded gives the money back to the shop,
      // and its credit note credited nothing: an invoice of the invoice series cancels it.
      const creditNote = refund.creditNoteNumber ? order.creditNotes?.find((note) => note.number === refund.creditNoteNumber) : undefined;
      if (creditNote && number === undefined) return { needsNumber: 'invoice', result: settled };
      // A note issued before its lines stated unit prices and discount is charged back as it reads now.
      const cancellingInvoice = creditNote && number ? cancellingInvoiceOf(withPricedLines(order, creditNote), { number, at }) : undefined;
      const cancellingInvoices = cancellingInvoice && [...(order.cancellingInvoices ?? []), cancellingInvoice];
      const refunds = replace(order, settled);
      const status = statusAfterRefunds(order, refunds);
      // The return it refunded is owed its refund again: received, its deadline back on the order and the watch.
      const owed = settled.returnId ? refundOwedAgain(order, settled.returnId) : undefined;
      const returns = owed && (order.returns ?? []).map((r) => (r.id === owed.id ? owed : r));
      const failed = { ...order, status, refunds, ...(returns && { returns }), ...(cancellingInvoices && { cancellingInvoices }), updatedAt: at };
      const facts = factsOf(
        [
          eventOf(RefundFailed, { order: orderSnapshot(failed), refund: refundSnapshot(settled) }),
          ...(cancellingInvoice ? [eventOf(CreditNoteCancelled, { orderId: order.id, orderNumber: order.number, cancellingInvoice })] : []),
        ],
        { ids: deps.ids, correlationId, now },
      );
      const change: AfterSalesChange = {
        status,
        fields: { refunds, ...(returns && { returns }), ...(cancellingInvoices && { cancellingInvoices }) },
        at,
        facts,
        ...(owed?.refundDueBy && { owedAgain: { id: owed.id, refundDueBy: owed.refundDueBy } }),
      };
      return { change, result: settled };
    }
    // Only an invoiced order gets a credit note: it cites the invoice's number and date.
    const needsNumber = Boolean(order.invoiceNumber && order.paidAt);
    if (needsNumber && number === undefined) return { needsNumber: 'credit-note', result: settled };
    const creditNote = needsNumber && number ? creditNoteOf(order, settled, { number, at }) : undefined;
    const issued = { ...settled, ...(creditNote && { creditNoteNumber: creditNote.number }) };
    const refunds = replace(order, issued);
    const status = statusAfterRefunds(order, refunds);
    const refundedReturns = issued.returnId ? (order.returns ?? []).map((r) => (r.id === issued.returnId ? { ...r, status: 'refunded' as const } : r)) : order.returns;
    const noLongerOwed = deadlinesNoLongerOwed({ ...order, refunds, ...(refundedReturns && { returns: refundedReturns }) });
    const returns = noLongerOwed?.returns ?? refundedReturns;
    const settledReturns = [...(issued.returnId ? [issued.returnId] : []), ...(noLongerOwed?.settled ?? [])];
    const after: Order = { ...order, status, refunds, ...(returns && { returns }), ...(creditNote && { creditNotes: [...(order.creditNotes ?? []), creditNote] }), updatedAt: at };
    const facts = factsOf(
      [
        eventOf(RefundIssued, { order: orderSnapshot(after), refund: refundSnapshot(issued) }),
        ...(creditNote ? [eventOf(CreditNoteIssued, { orderId: order.id, orderNumber: order.number, creditNote })] : []),
      ],
      { ids: deps.ids, correlationId, now },
    );
    const change: AfterSalesChange = {
      status,
      fields: { refunds, ...(returns && { returns }), ...(creditNote && { creditNotes: after.creditNotes }) },
      at,
      facts,
      ...(settledReturns.length > 0 && { settledReturns }),
    };
    return { change, result: issued };
  });

const replace = (order: Order, refund: OrderRefund): OrderRefund[] => (order.refunds ?? []).map((r) => (r.id === refund.id ? refund : r));

const MAX_ATTEMPTS = 5;

/**
 * `changeOrder`, for a change that may need the next number of a gap-free series: `decide` runs
 * without one; if it asks for one, the store takes the counter's next value in the same
 * transaction as the change `decide` builds with it, decided again at the time that number bears
 * (never before the previous number's: a retried transaction may have read the clock before
 * another took the number ahead of it). On a race, the order is read again and decided again.
 */
const changeOrderWithNumbers = async <R>(
  deps: AfterSalesDeps,
  orderId: string,
  decide: (order: Order, now: Date, number?: string) => { change?: AfterSalesChange; needsNumber?: DocumentSeries; result: R },
): Promise<R> => {
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const found = await deps.orders.get(orderId);
    if (!found) throw new NotFoundError(`There is no order ${orderId}.`);
    const now = deps.clock();
    const first = decide(found.order, now);
    if (!first.needsNumber) {
      if (!first.change || (await deps.store.save(found.order, first.change))) return first.result;
      continue;
    }
    let numbered: R = first.result;
    const saved = await deps.store.saveNumbered(found.order, { series: first.needsNumber, now }, (issued) => {
      const decided = decide(found.order, issued.at, issued.number);
      numbered = decided.result;
      if (!decided.change) throw new Error('A document was numbered for no change.');
      return decided.change;
    });
    if (saved) return numbered;
  }
  throw new ConflictError(`Order ${orderId} changed too often at the same time; try again.`);
};

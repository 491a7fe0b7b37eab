import { ConflictError } from '#kernel/errors';
import type { RefundLine } from '#ordering/domain/after-sales';
import { canTransition, type Order, type OrderUnits } from '#ordering/domain/order';
import { refundedUnits, refundLineFor, shippingRefundFor } from './refund-amounts';
import type { RefundRequest } from './refunds';
import { everythingGivenBack } from './returns';

/**
 * A paid order cancelled by the shop gives up what it has not supplied.
 * - Nothing shipped: the order is void. It becomes `cancelled` (its downloads close), and every
 *   line is refunded, digital ones too, with the delivery.
 * - Partly shipped: its physical units not shipped are cancelled (`cancelledUnits`) and refunded.
 *   Digital content was supplied at payment: its downloads stay open and its money stays. The
 *   order keeps its status, and the delivery is refunded once the customer keeps nothing
 *   (`everythingGivenBack`).
 * Either way the cancelled physical units go back to stock.
 */

/**
 * The order once cancelled, given its physical units not shipped yet. Nothing left to cancel
 * (everything shipped, or digital goods only, all supplied at payment) → 409 naming `status`: a
 * return handles what was supplied.
 */
export const cancelPaidOrder = (order: Order, unshipped: readonly OrderUnits[], now: Date): Order => {
  const whole = (order.shipments ?? []).length === 0;
  // A whole order moves to cancelled as the state machine allows (a refund ships nothing, so a
  // refunded order may still be cancelled); a partly shipped one keeps its status.
  if (unshipped.length === 0 || (whole && !canTransition(order.status, 'cancelled'))) {
    throw new ConflictError(`Order ${order.number} is ${order.status}: nothing is left to cancel; a return handles what was supplied.`, [{ path: 'status', message: `is ${order.status}` }]);
  }
  const at = now.toISOString();
  const cancellation = { cancelledUnits: [...unshipped], cancelledAt: at, cancellationReason: 'cancelled_by_shop', updatedAt: at };
  if (whole) return { ...order, ...cancellation, status: 'cancelled' };
  return { ...order, ...cancellation, ...allShipped(order) };
};

/**
 * A partly shipped order whose rest is cancelled has shipped all it will: `shipped`, or
 * `delivered` (since its last parcel arrived: the return window counts from then) if every parcel
 * has arrived already, as the next delivery would have made it. An order refunded in part keeps
 * that status, which says where its money is, but is delivered all the same.
 */
const allShipped = (order: Order): Pick<Order, 'status' | 'deliveredAt'> => {
  const parcels = order.shipments ?? [];
  const arrived = parcels.every((s) => s.deliveredAt);
  const deliveredAt = arrived ? parcels.map((s) => s.deliveredAt!).sort().at(-1) : undefined;
  const status = order.status === 'partially_shipped' ? (arrived ? 'delivered' : 'shipped') : order.status;
  return { status, ...(deliveredAt && { deliveredAt }) };
};

/** Every unit of every line not refunded yet: what a void order gives back. */
const everyLineLeft = (order: Order): RefundLine[] =>
  order.items
    .map((line) => ({ sku: line.sku, quantity: line.quantity - refundedUnits(order, line.sku) }))
    .filter((units) => units.quantity > 0)
    .map((units) => refundLineFor(order, units.sku, units.quantity));

/**
 * The refund a cancellation asks for, from the order once cancelled (`cancelPaidOrder`): a void
 * order's every line and its delivery; a partly shipped one's cancelled units, and its delivery if
 * the customer keeps nothing then. Each at what is left of it after earlier refunds. None when
 * it would give nothing back (units that cost nothing): the cancellation stands without a refund.
 */
export const refundOfCancellation = (order: Order, id: string): RefundRequest | undefined => {
  const voided = order.status === 'cancelled';
  const lines = voided ? everyLineLeft(order) : (order.cancelledUnits ?? []).map((unit) => refundLineFor(order, unit.sku, unit.quantity));
  const shipping = voided || everythingGivenBack(order) ? shippingRefundFor(order) : undefined;
  const worth = lines.reduce((n, l) => n + l.amount.amount, 0) + (shipping?.amount.amount ?? 0);
  if (worth === 0) return undefined;
  return { id, reason: 'order cancelled by the shop', lines, ...(shipping && shipping.amount.amount > 0 && { shipping }) };
};

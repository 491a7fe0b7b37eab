import { ConflictError, NotFoundError, UnprocessableError, type FieldError } from '#kernel/errors';
import { shopMidnightAfter } from '#kernel/shop-time';
import type { OrderReturn, ReceivedLine, ReturnLine, ReturnStatus } from '#ordering/domain/after-sales';
import type { Order, OrderStatus } from '#ordering/domain/order';
import { holdingMoney, refundable } from './refund-amounts';

/**
 * Returns (RMA): the customer asks, the shop approves or rejects, then receives the goods, which
 * refunds them. The moves a return may make, in one place.
 */
export const returnTransitions: Record<ReturnStatus, readonly ReturnStatus[]> = {
  requested: ['approved', 'rejected'],
  // Approved and never sent back: the shop closes it, and its units may be asked back again.
  approved: ['received', 'rejected'],
  received: ['refunded'],
  rejected: [],
  refunded: [],
};

const DAY_MS = 24 * 60 * 60 * 1000;

/** The refund of a withdrawal is owed within 14 days of the customer's notice (Code de la consommation L221-24). */
export const WITHDRAWAL_REFUND_DAYS = 14;

/** Orders whose shipped goods may come back. */
const returnable: readonly OrderStatus[] = ['partially_shipped', 'shipped', 'delivered', 'partially_refunded'];

const shippedOf = (order: Order, sku: string) => (order.shipments ?? []).flatMap((s) => s.items).filter((i) => i.sku === sku).reduce((n, i) => n + i.quantity, 0);

/**
 * The units of a product a return holds: what it asks while its goods are on their way, what came
 * back once received (a unit asked and not received stayed with the customer, who may ask again).
 */
const unitsOf = (ret: OrderReturn, sku: string) =>
  ret.received ? ret.received.filter((l) => l.sku === sku).reduce((n, l) => n + l.received, 0) : ret.items.filter((i) => i.sku === sku).reduce((n, i) => n + i.quantity, 0);

/** Units of a product asked back already: held by returns that are not rejected. */
const askedBack = (order: Order, sku: string) => (order.returns ?? []).filter((r) => r.status !== 'rejected').reduce((n, r) => n + unitsOf(r, sku), 0);

/**
 * When the return window closes: the window counts whole days from the day after the last
 * delivery and ends with the last of them (Regulation 1182/71 art. 3, which the Directive's
 * 14 days follow): delivered on the 1st, the window is open until the 15th ends (midnight, Paris
 * time). Undefined until everything was delivered.
 */
export const returnWindowEnd = (order: Pick<Order, 'deliveredAt'>, windowDays: number): Date | undefined =>
  order.deliveredAt ? shopMidnightAfter(new Date(order.deliveredAt).getTime(), windowDays + 1) : undefined;

/**
 * A customer's return request, checked: shipped goods of this order (a digital good's withdrawal
 * right was waived at checkout), never more units than shipped minus those already asked back
 * (of a return received, the units that came back: the others may be asked for again), within
 * the return window (by default 14 days from delivery of the last item, Directive 2011/83/EU
 * art. 9). All problems at once, each naming its line.
 */
export const requestReturn = (order: Order, items: readonly ReturnLine[], made: { id: string; now: Date; windowDays: number }): OrderReturn => {
  if (!returnable.includes(order.status)) {
    throw new ConflictError(`Order ${order.number} is ${order.status}: only shipped or delivered goods can be returned.`, [{ path: 'status', message: `is ${order.status}` }]);
  }
  const end = returnWindowEnd(order, made.windowDays);
  if (end && made.now >= end) {
    throw new UnprocessableError(`The return window of order ${order.number} closed on ${end.toISOString()} (${made.windowDays} days after delivery).`, [
      { path: 'items', message: `the return window closed ${made.windowDays} days after delivery` },
    ]);
  }
  const errors: FieldError[] = [];
  const asked = new Map<string, number>();
  items.forEach((item, i) => {
    const line = order.items.find((l) => l.sku === item.sku);
    if (!line) return errors.push({ path: `items.${i}.sku`, message: `${item.sku} is not in this order` });
    if (line.type !== 'physical') return errors.push({ path: `items.${i}.sku`, message: `${item.sku} is digital: its withdrawal right was waived at checkout` });
    const wanted = (asked.get(item.sku) ?? 0) + item.quantity;
    asked.set(item.sku, wanted);
    const left = shippedOf(order, item.sku) - askedBack(order, item.sku);
    if (wanted > left) errors.push({ path: `items.${i}.quantity`, message: `${item.sku}: ${wanted} asked, ${Math.max(0, left)} can still be returned (shipped minus already returned)` });
  });
  if (errors.length > 0) throw new UnprocessableError(`This return does not match the order: ${errors.map((e) => `${e.path} ${e.message}`).join('; ')}.`, errors);
  const at = made.now.toISOString();
  const withdrawal = items.some((i) => i.reason === 'withdrawal');
  return {
    id: made.id,
    status: 'requested',
    items: [...items],
    createdAt: at,
    ...(withdrawal && { refundDueBy: new Date(made.now.getTime() + WITHDRAWAL_REFUND_DAYS * DAY_MS).toISOString() }),
  };
};

/** The return with this id, and where it is in the order's list. */
export const findReturn = (order: Order, returnId: string): OrderReturn => {
  const found = (order.returns ?? []).find((r) => r.id === returnId);
  if (!found) throw new NotFoundError(`There is no return ${returnId}.`);
  return found;
};

/** Moves a return on, as `returnTransitions` allows; 409 naming its status otherwise. */
export const moveReturn = (ret: OrderReturn, to: ReturnStatus, fields: Partial<OrderReturn>): OrderReturn => {
  if (!returnTransitions[ret.status].includes(to)) {
    throw new ConflictError(`Return ${ret.id} is ${ret.status}: it cannot become ${to}.`, [{ path: 'status', message: `is ${ret.status}` }]);
  }
  return { ...ret, ...fields, status: to };
};

/**
 * Refuses a return with its reason, told to the customer: it loses its refund deadline (no refund is
 * owed). Rejected before with the same reason: a retry, left as it is. With another reason: 409
 * naming `status`, since the customer was told the first one and a decision is never silently
 * rewritten. From any state `returnTransitions` does not allow: 409 naming `status`.
 */
export const rejectWith = (ret: OrderReturn, reason: string, now: Date): OrderReturn => {
  if (ret.status === 'rejected') {
    if (ret.rejectionReason === reason) return ret;
    throw new ConflictError(`Return ${ret.id} was already rejected${ret.decidedAt ? ` on ${ret.decidedAt}` : ''} with another reason: "${ret.rejectionReason ?? ''}".`, [
      { path: 'status', message: 'is rejected, with another reason' },
    ]);
  }
  return moveReturn(withoutDeadline(ret), 'rejected', { decidedAt: now.toISOString(), rejectionReason: reason });
};

/** What came back, checked against the return: only its products, received ≤ asked, damaged ≤ received. */
export const checkReceived = (ret: OrderReturn, lines: readonly ReceivedLine[]): ReceivedLine[] => {
  const errors: FieldError[] = [];
  lines.forEach((line, i) => {
    const asked = ret.items.filter((item) => item.sku === line.sku).reduce((n, item) => n + item.quantity, 0);
    if (asked === 0) errors.push({ path: `items.${i}.sku`, message: `${line.sku} is not in this return` });
    else if (line.received > asked) errors.push({ path: `items.${i}.received`, message: `${line.received} received, ${asked} asked back` });
    if (line.damaged > line.received) errors.push({ path: `items.${i}.damaged`, message: `cannot exceed the ${line.received} received` });
  });
  const skus = lines.map((l) => l.sku);
  if (new Set(skus).size !== skus.length) errors.push({ path: 'items', message: 'lists a product twice' });
  // A receipt of nothing would leave a return received with nothing to refund: record it when goods arrive.
  else if (errors.length === 0 && lines.every((l) => l.received === 0)) errors.push({ path: 'items', message: 'no unit was received' });
  if (errors.length > 0) throw new UnprocessableError(`What was received does not match the return: ${errors.map((e) => `${e.path} ${e.message}`).join('; ')}.`, errors);
  return [...lines];
};

/** A receipt as a comparable whole: the units of each product, whatever the order of the lines; lines of nothing left out. */
const receiptKey = (lines: readonly ReceivedLine[]): string =>
  lines
    .filter((l) => l.received > 0)
    .map((l) => `${l.sku}:${l.received}:${l.damaged}`)
    .sort()
    .join('|');

const describeReceipt = (lines: readonly ReceivedLine[]): string =>
  lines
    .filter((l) => l.received > 0)
    .map((l) => `${l.sku} ${l.received} received, ${l.damaged} damaged`)
    .join('; ');

/**
 * Receives the goods of a return. Approved: it moves to `received` with the checked lines. Received
 * before (and maybe refunded since): the same lines again are a retry and leave it as it is; other
 * lines are a 409 saying what was recorded, since a receipt restocked and refunded what it said and
 * is never silently overwritten. Requested or rejected: 409 naming `status`.
 */
export const receiveGoods = (ret: OrderReturn, lines: readonly ReceivedLine[], now: Date): OrderReturn => {
  if (ret.status === 'received' || ret.status === 'refunded') {
    const before = ret.received ?? [];
    // A retry is held to what a first receipt is: lines of another product, or listed twice, are a 422.
    checkReceived(ret, lines);
    if (receiptKey(before) === receiptKey(lines)) return ret;
    const recorded = describeReceipt(before);
    throw new ConflictError(`Return ${ret.id} was already received${ret.receivedAt ? ` on ${ret.receivedAt}` : ''} (${recorded}): a receipt is never changed.`, [
      { path: 'items', message: `already received: ${recorded}` },
    ]);
  }
  return { ...moveReturn(ret, 'received', { receivedAt: now.toISOString() }), received: checkReceived(ret, lines) };
};

/**
 * Whether nothing is owed on a return any more: the order has nothing left to refund (the shop gave
 * the money back otherwise: the rest refunded, a cancellation, a refund in Stripe's dashboard) and
 * no refund of its own holds money. A refund of part of the order leaves it owed: its refund is
 * due when its goods come back.
 */
const owesNothing = (order: Order, ret: OrderReturn): boolean => refundable(order).amount <= 0 && !holdingMoney(order.refunds).some((r) => r.returnId === ret.id);

/**
 * A received return ends without a refund of its own when nothing is owed on it any more (the shop
 * gave the money back while the goods were on their way): what it would refund was refunded
 * already, and none can be overdue. Undefined while a refund is owed or under way.
 */
export const endedWithoutRefund = (order: Order, ret: OrderReturn): OrderReturn | undefined =>
  ret.status === 'received' && owesNothing(order, ret) ? moveReturn(ret, 'refunded', {}) : undefined;

/** The return without its refund deadline: nothing is owed on it (rejected, or the order refunded otherwise). */
export const withoutDeadline = ({ refundDueBy: _due, ...ret }: OrderReturn): OrderReturn => ret;

/**
 * The return a refund was for, once the bank failed that refund after Stripe reported it succeeded
 * (`refund.updated`, succeeded → failed): the customer got nothing back, so the return is
 * `received` again and its refund owed, its deadline (a withdrawal's) shown and watched again, and
 * reported if it passes, even if it was once. The one move back, which only this failure makes:
 * `returnTransitions` holds the moves the shop and the customer ask for. Undefined when the return
 * is not refunded (a refund failing on Stripe's first answer leaves it `received`).
 */
export const refundOwedAgain = (order: Order, returnId: string): OrderReturn | undefined => {
  const ret = (order.returns ?? []).find((r) => r.id === returnId);
  if (ret?.status !== 'refunded') return undefined;
  const { overdueReportedAt: _reported, ...owed } = ret;
  return { ...owed, status: 'received' };
};

/** Returns on which a refund may still be owed: asked for, approved, received and not refunded yet. */
const awaitingRefund: readonly ReturnStatus[] = ['requested', 'approved', 'received'];
export const awaitsRefund = (ret: Pick<OrderReturn, 'status'>): boolean => awaitingRefund.includes(ret.status);

/**
 * The order's returns once nothing is owed on some of them (`owesNothing`): each such withdrawal
 * loses its refund deadline, so neither it nor the order shows one, and `settled` names them, to
 * take them off the refund-deadline watch. They stay as they are otherwise: their goods may still
 * come back, to be restocked and refund nothing. Undefined when no deadline goes.
 */
export const deadlinesNoLongerOwed = (order: Order): { returns: OrderReturn[]; settled: string[] } | undefined => {
  const settled = (order.returns ?? []).filter((r) => r.refundDueBy && awaitsRefund(r) && owesNothing(order, r)).map((r) => r.id);
  if (settled.length === 0) return undefined;
  return { returns: (order.returns ?? []).map((r) => (settled.includes(r.id) ? withoutDeadline(r) : r)), settled };
};

/**
 * Whether the customer has given back everything they paid for, `upTo` refunded (the return
 * being refunded, as it is now, whether or not the order holds it yet; none for a cancellation):
 * every physical unit was cancelled by the shop before it shipped or came back in a received
 * return, each for a withdrawal or because it did not conform (defective, wrong, damaged, not as
 * described). The standard delivery is refunded then, as much as is left of it: a withdrawal's by
 * Code de la consommation L221-24, a contract ended for non-conformity's as part of the price paid
 * (L217-16, Directive 2019/771 art. 16). Goods sent back for `other` reasons keep it. A return's
 * units not received are still the customer's.
 */
export const everythingGivenBack = (order: Order, upTo?: OrderReturn): boolean => {
  const returns = [...(order.returns ?? []).filter((r) => r.status !== 'rejected' && r.id !== upTo?.id), ...(upTo ? [upTo] : [])];
  if (returns.flatMap((r) => r.items).some((l) => l.reason === 'other')) return false;
  const back = (sku: string) => returns.filter((r) => r.received).reduce((n, r) => n + unitsOf(r, sku), 0);
  const cancelled = (sku: string) => (order.cancelledUnits ?? []).filter((u) => u.sku === sku).reduce((n, u) => n + u.quantity, 0);
  return order.items.filter((l) => l.type === 'physical').every((l) => back(l.sku) + cancelled(l.sku) >= l.quantity);
};

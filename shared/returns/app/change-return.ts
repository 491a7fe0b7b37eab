import { eventOf } from '#kernel/events';
import { NotFoundError } from '#kernel/errors';
import type { Order, OrderReturn } from '#ordering/index';
import { changeOrder, orderSnapshot } from '#ordering/index';
import { factsOf } from '#runtime/outbox';
import type { ReturnApproved, ReturnReceived, ReturnRejected, ReturnRequested } from '../contracts/events';
import { findReturn } from '../domain/returns';
import type { AfterSalesChange, AfterSalesDeps } from './ports';

/** A return as the API shows it: with the order it belongs to. */
export const returnView = (order: Pick<Order, 'id'>, ret: OrderReturn) => ({ ...ret, orderId: order.id });

type ReturnFact = typeof ReturnRequested | typeof ReturnApproved | typeof ReturnRejected | typeof ReturnReceived;

/**
 * The change that puts a new or moved return on its order, with the fact about it if any (the
 * order as it will be, the customer's email and locale included, and the return). `extra` rides in
 * the same transaction: a lookup item, restocked units, the deadline watch.
 */
export const returnChange = (
  deps: Pick<AfterSalesDeps, 'ids'>,
  order: Order,
  ret: OrderReturn,
  at: { now: Date; correlationId: string; fact?: ReturnFact; extra?: Pick<AfterSalesChange, 'newReturn' | 'restock' | 'settledReturns'> },
) => {
  const when = at.now.toISOString();
  const known = (order.returns ?? []).some((r) => r.id === ret.id);
  const returns = known ? (order.returns ?? []).map((r) => (r.id === ret.id ? ret : r)) : [...(order.returns ?? []), ret];
  const after: Order = { ...order, returns, updatedAt: when };
  const facts = at.fact ? factsOf([eventOf(at.fact, { order: orderSnapshot(after), return: ret })], { ids: deps.ids, correlationId: at.correlationId, now: at.now }) : [];
  const change: AfterSalesChange = { status: order.status, fields: { returns }, at: when, facts, ...at.extra };
  return { change, after };
};

/**
 * `changeOrder` for one return named by its id (the admin's routes name only the return): its
 * lookup gives the order (unknown return → 404), then the order is read, decided on and written
 * with a guard on what was read, as any order change.
 */
export const changeReturn = async <R>(
  deps: AfterSalesDeps,
  returnId: string,
  decide: (order: Order, ret: OrderReturn, now: Date) => { change?: AfterSalesChange; result: R },
): Promise<R> => {
  const orderId = await deps.store.orderOfReturn(returnId);
  if (!orderId) throw new NotFoundError(`There is no return ${returnId}.`);
  return changeOrder(deps, orderId, (order, now) => decide(order, findReturn(order, returnId), now));
};

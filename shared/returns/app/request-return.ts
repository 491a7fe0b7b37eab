import type { Order, OrderReadDeps, ReturnLine } from '#ordering/index';
import { changeOrder } from '#ordering/index';
import type { SettingsReader } from '#settings/index';
import { ReturnRequested } from '../contracts/events';
import { requestReturn as checkedReturn } from '../domain/returns';
import { returnChange, returnView } from './change-return';
import type { AfterSalesDeps } from './ports';

export interface RequestReturnDeps extends AfterSalesDeps {
  orders: OrderReadDeps['orders'];
  settings: SettingsReader;
}

/**
 * A customer asks to return goods. Input: the order as its reader may read it (`readableOrder`:
 * its X-Order-Token or the signed-in customer who placed it; anyone else had the 404 of an order
 * that does not exist), checked by the caller before an Idempotency-Key may replay a stored
 * return, and the lines `{ sku, quantity, reason }`.
 * 1. Reads the return window from the shop's settings (`returnWindowDays`, 14 by default).
 * 2. The domain checks the request against the order as it is now (read again): shipped or
 *    delivered goods (409 naming `status`), never more than shipped minus what was already asked
 *    back, counting a received return's units as they came back (422 naming `items.<i>.quantity`),
 *    within the window counted from the last delivery (422). A withdrawal gets its refund deadline.
 * 3. One transaction, only if the order is still as read: the return on the order, its lookup item
 *    (`RETURN#<id>`, on the refund-deadline watch for a withdrawal) and `ReturnRequested`.
 * Output: the return (201).
 */
export const requestReturn = async (deps: RequestReturnDeps, input: { order: Order; items: readonly ReturnLine[] }, correlationId: string) => {
  const { returnWindowDays } = await deps.settings();
  // One id for every attempt: a write lost to a race is decided again for the same return.
  const id = deps.ids();
  return changeOrder(deps, input.order.id, (order, now) => {
    const ret = checkedReturn(order, input.items, { id, now, windowDays: returnWindowDays });
    const newReturn = { id, ...(ret.refundDueBy && { refundDueBy: ret.refundDueBy }) };
    const { change } = returnChange(deps, order, ret, { now, correlationId, fact: ReturnRequested, extra: { newReturn } });
    return { change, result: returnView(order, ret) };
  });
};

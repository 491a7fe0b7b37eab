import type { OrderReadDeps, OrderReader, ReturnLine } from '#ordering/index';
import { changeOrder, readableOrder } from '#ordering/index';
import type { SettingsReader } from '#settings/index';
import { ReturnRequested } from '../contracts/events';
import { requestReturn as checkedReturn } from '../domain/returns';
import { returnChange, returnView } from './change-return';
import type { AfterSalesDeps } from './ports';

export interface RequestReturnDeps extends AfterSalesDeps, Pick<OrderReadDeps, 'orderTokens'> {
  orders: OrderReadDeps['orders'];
  settings: SettingsReader;
}

/**
 * A customer asks to return goods. Input: who reads the order (its X-Order-Token or the signed-in
 * customer who placed it) and the lines `{ sku, quantity, reason }`.
 * 1. Reads the order as its reader may (anyone else: 404, as for an order that does not exist).
 * 2. Reads the return window from the shop's settings (`returnWindowDays`, 14 by default).
 * 3. The domain checks the request: shipped or delivered goods (409 naming `status`), never more
 *    than shipped minus what was already asked back (422 naming `items[i].quantity`), within the
 *    window counted from the last delivery (422). A withdrawal gets its refund deadline.
 * 4. One transaction, only if the order is still as read: the return on the order, its lookup item
 *    (`RETURN#<id>`, on the refund-deadline watch for a withdrawal) and `ReturnRequested`.
 * Output: the return (201).
 */
export const requestReturn = async (deps: RequestReturnDeps, input: { reader: OrderReader; items: readonly ReturnLine[] }, correlationId: string) => {
  await readableOrder(deps, input.reader);
  const { returnWindowDays } = await deps.settings();
  // One id for every attempt: a write lost to a race is decided again for the same return.
  const id = deps.ids();
  return changeOrder(deps, input.reader.orderId, (order, now) => {
    const ret = checkedReturn(order, input.items, { id, now, windowDays: returnWindowDays });
    const newReturn = { id, ...(ret.refundDueBy && { refundDueBy: ret.refundDueBy }) };
    const { change } = returnChange(deps, order, ret, { now, correlationId, fact: ReturnRequested, extra: { newReturn } });
    return { change, result: returnView(order, ret) };
  });
};

import { ReturnRejected } from '../contracts/events';
import { rejectWith } from '../domain/returns';
import { changeReturn, returnChange, returnView } from './change-return';
import type { AfterSalesDeps } from './ports';

/**
 * The shop refuses a return (admin). Input: the return's id and the reason, told to the customer.
 * 1. Finds the return's order from its lookup (unknown return → 404) and reads it.
 * 2. Already rejected with this reason: a retry, answered as it is, nothing written; with another
 *    reason, 409 naming `status` (the customer was told the first). Otherwise the domain moves it
 *    `requested → rejected`, or `approved → rejected` (its goods never came back: a receipt of
 *    nothing is refused); once received, 409 naming `status`. Its units may be asked back again.
 * 3. One transaction, only if the order is still as read: the return rejected with its reason, without
 *    its refund deadline and off the refund-deadline watch (no refund is owed for it), and `ReturnRejected`.
 * Output: the return.
 */
export const rejectReturn = (deps: AfterSalesDeps, input: { returnId: string; reason: string }, correlationId: string) =>
  changeReturn(deps, input.returnId, (order, ret, now) => {
    const rejected = rejectWith(ret, input.reason, now);
    if (rejected === ret) return { result: returnView(order, ret) };
    const { change } = returnChange(deps, order, rejected, { now, correlationId, fact: ReturnRejected, extra: { settledReturns: [ret.id] } });
    return { change, result: returnView(order, rejected) };
  });

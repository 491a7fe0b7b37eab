import { ReturnApproved } from '../contracts/events';
import { moveReturn } from '../domain/returns';
import { changeReturn, returnChange, returnView } from './change-return';
import type { AfterSalesDeps } from './ports';

/**
 * The shop accepts a return (admin). Input: the return's id.
 * 1. Finds the return's order from its lookup (unknown return → 404) and reads it.
 * 2. Already approved: answered as it is, nothing written (a retried approval emails no one twice).
 *    Otherwise the domain moves it `requested → approved`; from any other state, 409 naming `status`.
 * 3. One transaction, only if the order is still as read: the return approved and `ReturnApproved`,
 *    from which the customer is emailed how to send the goods back.
 * Output: the return.
 */
export const approveReturn = (deps: AfterSalesDeps, input: { returnId: string }, correlationId: string) =>
  changeReturn(deps, input.returnId, (order, ret, now) => {
    if (ret.status === 'approved') return { result: returnView(order, ret) };
    const approved = moveReturn(ret, 'approved', { decidedAt: now.toISOString() });
    const { change } = returnChange(deps, order, approved, { now, correlationId, fact: ReturnApproved });
    return { change, result: returnView(order, approved) };
  });

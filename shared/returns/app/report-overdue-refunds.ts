import { eventOf } from '#kernel/events';
import { changeOrder, orderSnapshot } from '#ordering/index';
import { factsOf } from '#runtime/outbox';
import { RefundOverdue } from '../contracts/events';
import { awaitsRefund } from '../domain/returns';
import type { AfterSalesDeps } from './ports';

/** Returns looked at per run: a backlog is worked through hourly, oldest deadline first. */
const BATCH = 100;

/**
 * Publishes `RefundOverdue` for each withdrawal whose refund is past its legal deadline (14 days
 * from the notice, Code de la consommation L221-24; penalties grow after, L242-4): once per return,
 * in the transaction that takes it off the deadline watch. A return refunded meanwhile is skipped.
 * Output: how many were reported.
 */
export const reportOverdueRefunds = async (deps: AfterSalesDeps, correlationId: string): Promise<number> => {
  const now = deps.clock();
  let reported = 0;
  for (const { orderId, returnId } of await deps.store.overdueReturns(now, BATCH)) {
    const done = await changeOrder(deps, orderId, (order, at) => {
      const ret = (order.returns ?? []).find((r) => r.id === returnId);
      const owed = ret?.refundDueBy && !ret.overdueReportedAt && awaitsRefund(ret);
      if (!ret || !owed) return { change: { status: order.status, fields: {}, at: at.toISOString(), facts: [], settledReturns: [returnId] }, result: false };
      const marked = { ...ret, overdueReportedAt: at.toISOString() };
      const returns = (order.returns ?? []).map((r) => (r.id === returnId ? marked : r));
      const facts = factsOf([eventOf(RefundOverdue, { order: orderSnapshot(order), return: marked, refundDueBy: ret.refundDueBy ?? '' })], { ids: deps.ids, correlationId, now: at });
      return { change: { status: order.status, fields: { returns }, at: at.toISOString(), facts, overdueReported: returnId }, result: true };
    });
    if (done) reported++;
  }
  return reported;
};

/**
 * Item 2's figures from the scripted order: DynamoDB requests and consumed capacity per step and
 * function, and the budget of issue 15 (checkout ≤ 3 requests besides the idempotency record;
 * payment confirmation 1 transaction plus its reads; no Scan anywhere).
 */
import { isRead, type Call } from './meter';
import { ownerOf, RELAY_FUNCTION, type Phase } from './scripted-run';
import { round } from './stats';

export interface RequestRow {
  step: string;
  function: string;
  /** DynamoDB requests on the domain table, per occurrence of the step. */
  requests: number | 'n/a';
  /**
   * Of those requests, the round trips the function waits for one after the other: requests in
   * flight together count once (what a step's latency is made of, on top of Lambda's own).
   */
  roundTrips: number | 'n/a';
  /**
   * Reads of the shop's settings, cached 5 s per container (`SETTINGS_CACHE_SECONDS`): whether one
   * falls in a step depends on time, so they are counted apart to keep `requests` exact.
   */
  settingsReads: number;
  idempotencyRequests: number;
  /**
   * Of all its requests (idempotency and settings included), those DynamoDB refused: a condition
   * that was false, a cancelled transaction. AWS bills a refused write as if it had run (billing.ts),
   * and `wcu` includes it; `operations` names each with its error.
   */
  failed: number;
  operations: string;
  rcu: number;
  /** Write units as AWS bills them (billing.ts). */
  wcu: number;
  /** Write units as DynamoDB Local reports them (less, for transactions). */
  wcuReportedLocally: number;
  note?: string;
}

export interface RequestBudget {
  checkoutRequests: number;
  checkoutSettingsReads: number;
  checkoutIdempotencyRequests: number;
  checkoutWithinBudget: boolean;
  confirmationTransactions: number;
  confirmationOtherWrites: number;
  confirmationReads: number;
  confirmationWithinBudget: boolean;
  scans: number;
  relay: { invocations: number; events: number };
}

const isIdempotency = (call: Call) => call.tables.some((t) => t.includes('idempotency'));
const isSettingsRead = (call: Call) => isRead(call.operation) && call.items.some((i) => i.startsWith('SETTINGS'));
/** The requests a step makes every time: neither the idempotency record nor a cached settings read. */
const isCounted = (call: Call) => !isIdempotency(call) && !isSettingsRead(call);

/** Requests in flight together (each leaving before another came back) are one round trip. */
export const roundTripsOf = (calls: readonly Call[]): number => {
  let trips = 0;
  let back = -Infinity;
  for (const call of [...calls].sort((a, b) => a.startedAt - b.startedAt)) {
    if (call.startedAt >= back) trips++;
    back = Math.max(back, call.startedAt + call.ms);
  }
  return trips;
};

const describe = (calls: Call[], per: number) => {
  const counts = new Map<string, number>();
  for (const c of calls) {
    const items = isIdempotency(c) ? 'idempotency record' : c.items.length > 1 ? `[${c.items.join(' ')}]` : (c.items[0] ?? '');
    const label = `${c.operation} ${items}${c.ok ? '' : ` (failed: ${c.error ?? 'error'})`}`.trim();
    counts.set(label, (counts.get(label) ?? 0) + 1);
  }
  return [...counts].map(([label, n]) => `${round(n / per, 2)}× ${label}`).join(', ');
};

export const requestRows = (phases: Phase[]): RequestRow[] => {
  const rows: RequestRow[] = [];
  const names = [...new Set(phases.map((p) => p.name))];
  for (const name of names) {
    const occurrences = phases.filter((p) => p.name === name);
    const first = occurrences[0]!;
    if (first.status === 'n/a') {
      rows.push({ step: name, function: '-', requests: 'n/a', roundTrips: 'n/a', settingsReads: 0, idempotencyRequests: 0, failed: 0, operations: '', rcu: 0, wcu: 0, wcuReportedLocally: 0, ...(first.note && { note: first.note }) });
      continue;
    }
    const per = occurrences.length;
    const byOwner = new Map<string, Call[]>();
    // Round trips are counted within each occurrence: two occurrences never overlap.
    const tripsByOwner = new Map<string, number>();
    for (const phase of occurrences) {
      const inPhase = new Map<string, Call[]>();
      for (const call of phase.calls.filter((c) => c.service === 'dynamodb')) {
        const owner = ownerOf(call, phase);
        byOwner.set(owner, [...(byOwner.get(owner) ?? []), call]);
        inPhase.set(owner, [...(inPhase.get(owner) ?? []), call]);
      }
      for (const [owner, calls] of inPhase) tripsByOwner.set(owner, (tripsByOwner.get(owner) ?? 0) + roundTripsOf(calls.filter(isCounted)));
    }
    for (const [fn, calls] of byOwner) {
      rows.push({
        step: per > 1 ? `${name} (mean of ${per})` : name,
        function: fn,
        requests: round(calls.filter(isCounted).length / per, 2),
        roundTrips: round((tripsByOwner.get(fn) ?? 0) / per, 2),
        settingsReads: round(calls.filter(isSettingsRead).length / per, 2),
        idempotencyRequests: round(calls.filter(isIdempotency).length / per, 2),
        failed: round(calls.filter((c) => !c.ok).length / per, 2),
        operations: describe(calls, per),
        rcu: round(calls.reduce((s, c) => s + c.rcu, 0) / per, 2),
        wcu: round(calls.reduce((s, c) => s + c.wcu, 0) / per, 2),
        wcuReportedLocally: round(calls.reduce((s, c) => s + c.reportedWcu, 0) / per, 2),
      });
    }
  }
  return rows;
};

export const requestBudget = (phases: Phase[], allCalls: Call[]): RequestBudget => {
  const inPhase = (name: string, fn: string) => {
    const phase = phases.find((p) => p.name === name && p.status === 'measured');
    return phase ? phase.calls.filter((c) => c.service === 'dynamodb' && ownerOf(c, phase) === fn) : [];
  };
  const checkout = inPhase('checkout', 'checkout');
  const payments = inPhase('payment confirmation', 'payments');
  const transactions = payments.filter((c) => c.operation === 'TransactWriteItems').length;
  const otherWrites = payments.filter((c) => !isRead(c.operation) && c.operation !== 'TransactWriteItems').length;
  const relayCalls = phases.flatMap((p) => p.calls.filter((c) => ownerOf(c, p) === RELAY_FUNCTION));
  const checkoutRequests = checkout.filter(isCounted).length;
  return {
    checkoutRequests,
    checkoutSettingsReads: checkout.filter(isSettingsRead).length,
    checkoutIdempotencyRequests: checkout.filter(isIdempotency).length,
    checkoutWithinBudget: checkout.length > 0 && checkoutRequests <= 3,
    confirmationTransactions: transactions,
    confirmationOtherWrites: otherWrites,
    confirmationReads: payments.filter((c) => isRead(c.operation)).length,
    confirmationWithinBudget: transactions === 1 && otherWrites === 0,
    scans: allCalls.filter((c) => c.operation === 'Scan').length,
    relay: {
      invocations: relayCalls.filter((c) => c.service === 'eventbridge').length,
      // No DynamoDB request: the relay reads the stream (records handed to it) and has no table grant.
      events: relayCalls.reduce((s, c) => s + c.detailTypes.length, 0),
    },
  };
};

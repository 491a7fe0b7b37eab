/**
 * Item 3: the cost of a million orders on AWS, from what the scripted order counted (requests,
 * invocations and their measured durations, consumed capacity, events, queue messages, emails)
 * times the list prices of `prices.ts`, per service and per step.
 */
import type { FunctionName } from '#wiring';
import { memoryOf } from './function-env';
import { ownerOf, RELAY_FUNCTION, WEBHOOK_FUNCTION, type Phase } from './scripted-run';
import { COST_BUDGET, PRICES } from './prices';
import { round, sum } from './stats';
import { subscribedStripeEvents } from '#payments/adapters/stripe-webhook';

const subscribed = new Set(subscribedStripeEvents);

/** The order of issue 15: how many times each step happens per order. */
export const SCENARIO: Record<string, number> = { 'add to cart': 3, 'get cart': 1, checkout: 1, 'payment confirmation': 1, shipment: 1 };
/** Steps an order also needs but the issue's scenario leaves out; priced apart. */
export const EXTRA_STEPS: Record<string, number> = { 'create cart': 1, 'set customer': 1 };
/** What a refund costs, for the orders that get one (not every order): priced apart, per refund. */
export const REFUND_STEP = 'refund';

export interface Usage {
  apiRequests: number;
  invocations: number;
  gbSeconds: number;
  rru: number;
  wru: number;
  events: number;
  sqsRequests: number;
  streamRecords: number;
  emails: number;
}

const zero = (): Usage => ({ apiRequests: 0, invocations: 0, gbSeconds: 0, rru: 0, wru: 0, events: 0, sqsRequests: 0, streamRecords: 0, emails: 0 });
const add = (a: Usage, b: Usage, times = 1): Usage =>
  Object.fromEntries(Object.keys(a).map((k) => [k, a[k as keyof Usage] + b[k as keyof Usage] * times])) as unknown as Usage;

const gbs = (fn: string, ms: number) => (memoryOf(fn as FunctionName) / 1024) * (ms / 1000);

/** What one occurrence of a step used. */
export const usageOf = (phase: Phase): Usage => {
  const relay = phase.calls.filter((c) => c.service === 'eventbridge' && ownerOf(c, phase) === RELAY_FUNCTION);
  // The emulator posts every event, as `stripe listen` does; a deployed endpoint receives only
  // those it subscribes to (payment_intent.created, charge.succeeded... are never sent).
  const delivered = phase.invocations.filter((i) => i.fn !== WEBHOOK_FUNCTION || subscribed.has(i.stripeEvent ?? ''));
  const webhooks = delivered.filter((i) => i.fn === WEBHOOK_FUNCTION);
  const batches = phase.invocations.filter((i) => i.messages > 0);
  return {
    apiRequests: phase.http.length + webhooks.length,
    invocations: phase.http.length + delivered.length + relay.length,
    gbSeconds: sum(phase.http.map((h) => gbs(h.fn, h.ms))) + sum(delivered.map((i) => gbs(i.fn, i.ms))) + sum(relay.map((c) => gbs(RELAY_FUNCTION, c.ms))),
    rru: sum(phase.calls.map((c) => c.rcu)),
    wru: sum(phase.calls.map((c) => c.wcu)),
    events: sum(phase.calls.filter((c) => c.service === 'eventbridge').map((c) => c.detailTypes.length)),
    // Each message: EventBridge's SendMessage; each batch: Lambda's ReceiveMessage and DeleteMessageBatch.
    sqsRequests: sum(batches.map((b) => b.messages)) + 2 * batches.length,
    streamRecords: sum(relay.map((c) => c.detailTypes.length)),
    emails: phase.calls.filter((c) => c.service === 'ses').length,
  };
};

/** Dollars per order, per service line. */
export const priced = (u: Usage): Record<string, number> => ({
  'API Gateway (HTTP API)': u.apiRequests * PRICES.httpApiRequest,
  'Lambda requests': u.invocations * PRICES.lambdaRequest,
  'Lambda duration (arm64)': u.gbSeconds * PRICES.lambdaGbSecond,
  'DynamoDB writes': u.wru * PRICES.dynamodbWriteUnit,
  'DynamoDB reads': u.rru * PRICES.dynamodbReadUnit,
  'DynamoDB Streams (Lambda trigger)': u.streamRecords * PRICES.streamReadByLambda,
  EventBridge: u.events * PRICES.eventBridgeEvent,
  SQS: u.sqsRequests * PRICES.sqsRequest,
});

/** X-Ray, for a team that deploys with `-c tracing=true` (functions are not traced by default). */
const xrayIfTraced = (u: Usage) => u.invocations * PRICES.xraySampling * PRICES.xrayTrace;

const meanUsage = (phases: Phase[], name: string): Usage | undefined => {
  const occurrences = phases.filter((p) => p.name === name && p.status === 'measured');
  if (occurrences.length === 0) return undefined;
  return Object.fromEntries(Object.entries(occurrences.map(usageOf).reduce((a, b) => add(a, b), zero())).map(([k, v]) => [k, v / occurrences.length])) as unknown as Usage;
};

export interface CostResult {
  prices: { region: string; published: string };
  /** Per million orders, USD. */
  perService: Record<string, number>;
  perStep: Record<string, number | 'n/a'>;
  total: number;
  sesPerMillion: number;
  xrayIfTracedPerMillion: number;
  extraStepsPerMillion: number;
  /** A million refunds (of an order like the scripted one), USD; n/a while the step cannot run. */
  refundPerMillion: number | 'n/a';
  usagePerOrder: Usage;
  withinBudget: boolean;
  missingSteps: string[];
  toReachTarget: string[];
}

export const costPerMillionOrders = (phases: Phase[]): CostResult => {
  const million = (dollars: number) => round(dollars * 1e6, 2);
  let order = zero();
  const perStep: CostResult['perStep'] = {};
  const missingSteps: string[] = [];
  for (const [step, times] of Object.entries(SCENARIO)) {
    const usage = meanUsage(phases, step);
    if (!usage) {
      missingSteps.push(step);
      perStep[`${step} ×${times}`] = 'n/a';
      continue;
    }
    order = add(order, usage, times);
    perStep[`${step} ×${times}`] = million(sum(Object.values(priced(usage))) * times);
  }
  const perService = Object.fromEntries(Object.entries(priced(order)).map(([k, v]) => [k, million(v)]));
  const total = round(sum(Object.values(perService)), 2);
  const refund = meanUsage(phases, REFUND_STEP);
  const extra = Object.entries(EXTRA_STEPS).reduce((s, [step, times]) => s + (meanUsage(phases, step) ? sum(Object.values(priced(meanUsage(phases, step)!))) * times : 0), 0);

  const toReachTarget: string[] = [];
  const gap = total - COST_BUDGET.target;
  if (gap > 0) {
    toReachTarget.push(`$${round(gap, 2)} per million orders must go to reach $${COST_BUDGET.target}. Largest lines: ${Object.entries(perService).sort((a, b) => b[1] - a[1]).slice(0, 3).map(([k, v]) => `${k} $${v}`).join(', ')}.`);
    const add1 = perStep['add to cart ×3'];
    if (typeof add1 === 'number') toReachTarget.push(`Several lines in one cart request (1 call instead of 3 add-to-cart) saves $${round((add1 * 2) / 3, 2)}.`);
    const dynamo = (perService['DynamoDB writes'] ?? 0) + (perService['DynamoDB reads'] ?? 0);
    toReachTarget.push(
      `DynamoDB is $${round(dynamo, 2)}, billed by item size: every item of a transaction costs 2 units per KB begun. Per order: the order item (1.2-1.8 KB once its placed part is compressed: 4 units) at checkout, payment and shipment; each product once, when checkout takes its units (2 units, plus the catalog's and its category's index copies, which hold stock; a payment writes no product, since the units unpaid orders hold are counted from those orders); the held-order counters taken at checkout and given back at payment (10 units); one outbox item per transaction, and a consumer's claim on each event it applies, which carries the facts it states in answer (a claim with its facts and nothing else is one plain write); checkout's idempotency record (its response compressed, then sealed).`,
      "What more would take, largest first: stock in an item of its own that no catalog index copies (6 index units at checkout); the order status in an item of its own under 1 KB (4 units at payment and shipment); held-order counters that expire instead of being given back (4); one StockChanged per order instead of per product ($2 of events). About $11 together. Neither $35 nor $25 is within reach while every fact is written in a DynamoDB transaction with its state, with its stock taken at checkout and its client's counters held: API Gateway, Lambda, EventBridge and SQS alone are about $26, and such an order writes some 45 units at the least ($28).",
    );
    const fanout = (perService.EventBridge ?? 0) + (perService.SQS ?? 0);
    toReachTarget.push(`Events and queues are $${round(fanout, 2)}: each event matched by a rule costs 3 SQS requests per queue; fewer events per order, or rules narrowed to the queues that act, cut it.`);
  }
  return {
    prices: { region: PRICES.region, published: PRICES.published },
    perService,
    perStep,
    total,
    sesPerMillion: million(order.emails * PRICES.sesEmail),
    xrayIfTracedPerMillion: million(xrayIfTraced(order)),
    extraStepsPerMillion: million(extra),
    refundPerMillion: refund ? million(sum(Object.values(priced(refund)))) : 'n/a',
    usagePerOrder: Object.fromEntries(Object.entries(order).map(([k, v]) => [k, round(v, 3)])) as unknown as Usage,
    withinBudget: missingSteps.length === 0 && total <= COST_BUDGET.perMillion,
    missingSteps,
    toReachTarget,
  };
};

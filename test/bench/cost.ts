/**
 * Item 3: the cost of a million orders on AWS, from what the scripted order counted (requests,
 * invocations and their measured durations, consumed capacity, events, queue messages, emails)
 * times the list prices of `prices.ts`, per service and per step.
 */
import type { FunctionName } from '#wiring';
import { memoryOf } from './function-env';
import { ownerOf, RELAY_FUNCTION, WEBHOOK_FUNCTION, type Phase } from './scripted-run';
import type { Call } from './meter';
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

/** Per order over the scenario: the mean, over a step's occurrences, of what `of` takes from each, times the step's count. */
const perOrder = (phases: Phase[], of: (phase: Phase) => number, steps: readonly string[] = Object.keys(SCENARIO)): number =>
  steps.reduce((total, step) => {
    const occurrences = phases.filter((p) => p.name === step && p.status === 'measured');
    return occurrences.length === 0 ? total : total + (sum(occurrences.map(of)) / occurrences.length) * (SCENARIO[step] ?? 0);
  }, 0);

const billedItems = (phase: Phase) => phase.calls.flatMap((c) => c.billedItems);

/** Write units per order of each kind of item (table and index), overall and per step, largest first. */
export const writeUnitsByItem = (phases: Phase[]): { item: string; units: number; bySteps: Record<string, number> }[] => {
  const kinds = [...new Set(phases.filter((p) => p.name in SCENARIO).flatMap((p) => billedItems(p).map((b) => b.item)))];
  return kinds
    .map((item) => {
      const of = (phase: Phase) => sum(billedItems(phase).filter((b) => b.item === item).map((b) => b.units + b.indexUnits));
      const bySteps = Object.fromEntries(Object.keys(SCENARIO).map((step) => [step, round(perOrder(phases, of, [step]), 2)] as const).filter(([, units]) => units > 0));
      return { item, units: round(sum(Object.values(bySteps)), 2), bySteps };
    })
    .sort((a, b) => b.units - a.units);
};

/**
 * What four changes of the design would save, per order, estimated from this run's counted units
 * and events (each says what it assumes); none is built.
 */
export const designLevers = (phases: Phase[]) => {
  const units = (phase: Phase, item: string, part: (b: Call['billedItems'][number]) => number) => sum(billedItems(phase).filter((b) => b.item === item).map(part));
  const stockIndexUnits = perOrder(phases, (p) => units(p, 'PRODUCT', (b) => b.indexUnits), ['checkout']);
  // An item under 1 KB: 1 unit, 2 in a transaction.
  const orderOverOneKb = perOrder(phases, (p) => units(p, 'ORDER', (b) => Math.max(0, b.units - (b.transactional ? 2 : 1))), ['payment confirmation', 'shipment']);
  const countersGivenBack = perOrder(phases, (p) => units(p, 'RATE', (b) => b.units + b.indexUnits), ['payment confirmation']);
  const stockChanged = perOrder(phases, (p) => sum(p.calls.filter((c) => c.service === 'eventbridge').map((c) => c.detailTypes.filter((t) => t === 'StockChanged').length)));
  const checkouts = perOrder(phases, () => 1, ['checkout']);
  const fewerStockEvents = Math.max(0, stockChanged - checkouts);
  const million = (dollars: number) => round(dollars * 1e6, 2);
  const wru = (n: number) => million(n * PRICES.dynamodbWriteUnit);
  return [
    { lever: 'stock in an item of its own that no catalog index copies', writeUnits: round(stockIndexUnits, 2), events: 0, usd: wru(stockIndexUnits), assumes: 'checkout takes its units from stock items that carry no index key, each costing the table units its product costs now: the products\' index units at checkout go' },
    { lever: 'the order status in an item of its own under 1 KB', writeUnits: round(orderOverOneKb, 2), events: 0, usd: wru(orderOverOneKb), assumes: 'payment and shipment write that item (1 KB: 2 units in a transaction) instead of the order item; the order\'s index units stay' },
    { lever: 'held-order counters that expire instead of being given back', writeUnits: round(countersGivenBack, 2), events: 0, usd: wru(countersGivenBack), assumes: 'the counters (RATE items) written at payment are no longer written: a TTL, which deletes for free, ends what checkout took' },
    { lever: 'one StockChanged per order instead of per product', writeUnits: 0, events: round(fewerStockEvents, 2), usd: million(fewerStockEvents * PRICES.eventBridgeEvent), assumes: `${round(stockChanged, 2)} StockChanged events per order become one; EventBridge only (the queues that take them would also receive fewer messages, not counted)` },
  ];
};

/** "To reach $25": every figure from this run's lines, counted units and events, and the price table. */
const gap = (total: number, perService: Record<string, number>, perStep: CostResult['perStep'], order: Usage, phases: Phase[]): string[] => {
  const lines: string[] = [];
  const over = total - COST_BUDGET.target;
  if (over <= 0) return lines;
  const money = (n: number) => `$${round(n, 2)}`;
  lines.push(`${money(over)} per million orders must go to reach $${COST_BUDGET.target}. Largest lines: ${Object.entries(perService).sort((a, b) => b[1] - a[1]).slice(0, 3).map(([k, v]) => `${k} $${v}`).join(', ')}.`);
  const adds = perStep[`add to cart ×${SCENARIO['add to cart']}`];
  if (typeof adds === 'number') lines.push(`Several lines in one cart request (1 call instead of ${SCENARIO['add to cart']} add-to-cart) saves ${money((adds * ((SCENARIO['add to cart'] ?? 1) - 1)) / (SCENARIO['add to cart'] ?? 1))}, if a request of several lines costs what one of one line does.`);
  const writes = perService['DynamoDB writes'] ?? 0;
  const reads = perService['DynamoDB reads'] ?? 0;
  const byItem = writeUnitsByItem(phases);
  lines.push(
    `DynamoDB is ${money(writes + reads)} (writes ${money(writes)}: ${round(order.wru, 2)} write units per order; reads ${money(reads)}), billed by item size: 1 write unit per KB begun, 2 in a transaction, and each index copy of an item its own. Write units per order in this run, table and index, by item: ${byItem.map((b) => `${b.item} ${b.units} (${Object.entries(b.bySteps).map(([step, u]) => `${step} ${u}`).join(', ')})`).join('; ')}. The order item is written at checkout, payment and shipment; each product once, when checkout takes its units, with its catalog and category index copies; the held-order counters (RATE) are taken at checkout and given back at payment; one outbox item per transaction, and a consumer's claim on each event it applies, which carries the facts it states in answer; checkout's idempotency record.`,
  );
  const levers = designLevers(phases);
  const saved = sum(levers.map((l) => l.usd));
  const leverUnits = sum(levers.map((l) => l.writeUnits));
  lines.push(
    `What more would take, estimated from this run's counts (none is built), largest first: ${[...levers].sort((a, b) => b.usd - a.usd).map((l) => `${l.lever}, ${money(l.usd)} (${l.writeUnits > 0 ? `${l.writeUnits} write units` : `${l.events} events`}; assumes ${l.assumes})`).join('; ')}. ${money(saved)} together.`,
  );
  const beyondDynamo = sum(Object.entries(perService).filter(([line]) => !line.startsWith('DynamoDB')).map(([, usd]) => usd));
  const after = total - saved;
  const afterWrites = writes - sum(levers.filter((l) => l.writeUnits > 0).map((l) => l.usd));
  const verdict = (budget: number) => (after <= budget ? `within $${budget}` : `${money(after - budget)} over $${budget}`);
  lines.push(
    `With all four the order would cost ${money(after)}: ${verdict(COST_BUDGET.perMillion)}, ${verdict(COST_BUDGET.target)}. API Gateway, Lambda, EventBridge and SQS alone are ${money(beyondDynamo)} in this run, and DynamoDB writes would still be ${money(afterWrites)} (${round(order.wru - leverUnits, 2)} write units per order) while every fact is written in a DynamoDB transaction with its state, its stock taken at checkout and its client's counters held.`,
  );
  const fanout = (perService.EventBridge ?? 0) + (perService.SQS ?? 0);
  lines.push(`Events and queues are ${money(fanout)} (${round(order.events, 2)} events and ${round(order.sqsRequests, 2)} SQS requests per order): each message a rule sends to a queue costs its SendMessage, and each batch a worker takes its ReceiveMessage and DeleteMessageBatch; fewer events per order, or rules narrowed to the queues that act, cut it.`);
  return lines;
};

export interface CostResult {
  prices: { region: string; effective: string; readIn: string };
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
  /** Write units per order by kind of item (table and index), and per step. */
  writeUnitsByItem: ReturnType<typeof writeUnitsByItem>;
  /** What four changes of the design would save per million orders, estimated from this run's counts. */
  designLevers: ReturnType<typeof designLevers>;
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

  const toReachTarget = gap(total, perService, perStep, order, phases);
  return {
    prices: { region: PRICES.region, effective: PRICES.effective, readIn: PRICES.readIn },
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
    writeUnitsByItem: writeUnitsByItem(phases),
    designLevers: designLevers(phases),
    toReachTarget,
  };
};

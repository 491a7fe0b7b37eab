/**
 * `npm run bench`: everything issue 15 measures, on this machine, printed as Markdown tables
 * (`--json`: the same figures as JSON on stdout; progress always goes to stderr).
 *
 *  1. bundles and cold starts against two floors built in the same run (cold-starts.ts), and what
 *     a multi-route function's first request builds on top (first-route.ts)
 *  2. DynamoDB requests and capacity per step of one scripted order (scripted-run.ts, requests.ts)
 *  3. cost per million orders from those counts (cost.ts, prices.ts)
 *  4. add-to-cart and checkout under 32 connections (autocannon); confirmation → paid (load.ts,
 *     payment-latency.ts)
 *  5. the error path's p99 against a good request's (error-path.ts)
 *  6. the invoice counter under contention, and the ceilings on AWS (invoice-counter.ts)
 *
 * `--quick` runs every section small (a few runs, few orders), for the test that keeps the bench
 * working; its timings mean little, its request counts are exact. BENCH_RUNS overrides the
 * import runs (≥ 15 unless quick), BENCH_ORDERS the orders of the latency run.
 */
import { startDynamoDbLocal } from '../../infra/local/dynamodb';
import { startLocalRuntime } from '../../infra/local/runtime';
import { queues as queueSpecs, type QueueName } from '#wiring';
import { measureColdStarts } from './cold-starts';
import { costPerMillionOrders } from './cost';
import { measureErrorPath } from './error-path';
import { measureFirstRoutes, withImport } from './first-route';
import { closeAgents } from './http-client';
import { measureInvoiceCounter } from './invoice-counter';
import { measureLoad } from './load';
import { createMeter } from './meter';
import { measurePaymentLatency } from './payment-latency';
import { budgetRows, printReport, type BenchResults } from './print';
import { requestBudget, requestRows } from './requests';
import { runScriptedOrder } from './scripted-run';
import { progress } from './stats';

const args = new Set(process.argv.slice(2));
const quick = args.has('--quick');
const json = args.has('--json');
const runs = Math.max(quick ? 1 : 15, Number(process.env.BENCH_RUNS ?? (quick ? 1 : 21)));
const orders = Number(process.env.BENCH_ORDERS ?? (quick ? 5 : 200));

// Before any handler loads: the meter wraps the SDK clients' `send`.
const meter = createMeter();
const coldStarts = await measureColdStarts(runs);
const firstRoutes = withImport(await measureFirstRoutes(quick ? 1 : 11), coldStarts.rows);

progress('starting the local runtime (DynamoDB Local, Stripe emulator); schedules pushed out of the way');
const runtime = await startLocalRuntime({ port: 0, awsPort: 0, dynamoPort: 0, stripePort: 0, scheduleScale: 1000 });
let results;
try {
  meter.instrumentQueues(runtime.queues, (q) => queueSpecs[q as QueueName].worker);
  meter.instrumentWebhooks(`${runtime.apiUrl}/webhooks/stripe`, 'stripe-webhook');
  progress('walking one order, step by step, counting DynamoDB requests');
  const phases = await runScriptedOrder(runtime, meter);
  const rows = requestRows(phases);
  const cost = costPerMillionOrders(phases);
  progress('load: add to cart and checkout at 32 connections');
  const load = await measureLoad(runtime, { seconds: quick ? 0 : 10, checkouts: quick ? 32 : 320 });
  progress(`confirmation → paid over ${orders} orders`);
  const latency = await measurePaymentLatency(runtime, orders);
  progress('error path');
  const errorPath = await measureErrorPath(runtime, quick ? 30 : 500);
  results = { quick, coldStarts, firstRoutes, requests: { rows, budget: requestBudget(phases, meter.calls) }, cost, load, latency, errorPath };
} finally {
  closeAgents();
  await runtime.stop();
}

// On a DynamoDB Local of its own: the runtime's holds the whole run's items and streams, which
// made its transactions several times slower (13 a second against 80) and measured that instead.
progress('invoice counter under contention, on a DynamoDB Local of its own');
const dynamo = await startDynamoDbLocal({ port: 0 });
let counter;
try {
  counter = await measureInvoiceCounter(dynamo.endpoint, meter, quick ? 20 : 200);
} finally {
  await dynamo.stop();
}
const measured = { ...results, counter };
// The budgets' summary goes in the JSON as it is printed.
const report: BenchResults = { ...measured, budgets: budgetRows(measured) };

if (json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
else printReport(report);

/** The bench's report as Markdown: a table per section, then every budget of issue 15 in one table. */
import type { ColdStartResult } from './cold-starts';
import { COLD_START_BUDGET } from './cold-starts';
import type { CostResult } from './cost';
import type { ErrorPathFigure } from './error-path';
import type { FirstRouteRow } from './first-route';
import type { InvoiceCounterResult } from './invoice-counter';
import type { LoadResult } from './load';
import type { PaymentLatency } from './payment-latency';
import { COST_BUDGET } from './prices';
import { notes, table } from './report';
import type { RequestBudget, RequestRow } from './requests';

export interface BenchResults {
  quick: boolean;
  coldStarts: ColdStartResult;
  firstRoutes: FirstRouteRow[];
  requests: { rows: RequestRow[]; budget: RequestBudget };
  cost: CostResult;
  load: LoadResult[];
  latency: PaymentLatency;
  errorPath: ErrorPathFigure[];
  counter: InvoiceCounterResult;
  /** The summary table of issue 15's budgets, as printed. */
  budgets: BudgetRow[];
}

export interface BudgetRow {
  budget: string;
  measured: string;
  /** Undefined where nothing was measured. */
  result: boolean | undefined;
  /** For a budget every function must meet: the worst, and how many meet it of how many measured. */
  worst?: number;
  within?: number;
  of?: number;
}

const everyFunction = (budget: string, worst: number, worstText: string, within: (boolean | undefined)[]): BudgetRow => {
  const meeting = within.filter(Boolean).length;
  return { budget, measured: `${worstText}, ${meeting} of ${within.length} within`, result: meeting === within.length, worst, within: meeting, of: within.length };
};

export const budgetRows = (r: Omit<BenchResults, 'budgets'>): BudgetRow[] => {
  const measured = r.coldStarts.rows.filter((row) => row.status === 'measured');
  const worstRatio = Math.max(...measured.map((row) => row.ratioToFloor ?? 0));
  const worstCpuRatio = Math.max(...measured.map((row) => row.cpuRatioToFloor ?? 0));
  const worstExtra = Math.max(...measured.map((row) => row.extraKB ?? 0));
  const deployed = r.errorPath.find((f) => f.where.includes('deployed'));
  return [
    everyFunction(`cold start ≤ ${COLD_START_BUDGET.ratio}× floor (every function)`, worstRatio, `worst ${worstRatio}×`, measured.map((row) => row.withinTime)),
    everyFunction('the same in CPU time (steadier on a shared machine)', worstCpuRatio, `worst ${worstCpuRatio}×`, measured.map((row) => row.withinCpuTime)),
    everyFunction(`bundle ≤ floor + ${COLD_START_BUDGET.extraKB} KB (every function)`, worstExtra, `worst ${worstExtra < 0 ? '−' : '+'}${Math.abs(worstExtra)} KB`, measured.map((row) => row.withinSize)),
    { budget: 'checkout ≤ 3 DynamoDB requests besides the idempotency record', measured: `${r.requests.budget.checkoutRequests} (+${r.requests.budget.checkoutIdempotencyRequests} idempotency, +${r.requests.budget.checkoutSettingsReads} settings read: 1 when its 5 s cache is cold)`, result: r.requests.budget.checkoutWithinBudget },
    {
      budget: 'payment confirmation: 1 transaction plus its reads',
      measured: `${r.requests.budget.confirmationTransactions} transaction(s), ${r.requests.budget.confirmationOtherWrites} other write(s), ${r.requests.budget.confirmationReads} read(s)`,
      result: r.requests.budget.confirmationWithinBudget,
    },
    { budget: 'no Scan anywhere', measured: `${r.requests.budget.scans} Scan(s)`, result: r.requests.budget.scans === 0 },
    { budget: `≤ $${COST_BUDGET.perMillion} per million orders (no Stripe, no SES)`, measured: r.cost.missingSteps.length > 0 ? `$${r.cost.total} without ${r.cost.missingSteps.join(', ')}` : `$${r.cost.total}`, result: r.cost.withinBudget },
    { budget: 'confirmation → paid p99 ≤ 250 ms (local)', measured: `${r.latency.paidP99} ms`, result: r.latency.withinBudget },
    { budget: 'error path p99 ≤ 1.5× good p99 (deployed bundle)', measured: deployed ? `${deployed.ratio}×` : 'n/a', result: deployed?.withinBudget },
  ];
};

export const printReport = (r: BenchResults): void => {
  const c = r.coldStarts;
  const out = [
    r.quick ? '> `--quick`: few runs and orders; the timings below mean little, the request counts are exact.\n' : '',
    table(`1. Bundles and cold starts (median of ${c.runs} fresh imports, clean environment, Node ${c.node}; bare \`node -e ''\` ${c.bareMs} ms; KB: what a cold start loads, asset KB: every module shipped; \`floor ms, paired\`: the median of its floor's imports, each timed just before one of its own; \`×floor\`: the median, over the runs, of its import over that paired floor's, so close to but not exactly \`ms\` ÷ \`floor ms, paired\`; the floors' own rows are timed at other moments)`, [
      ...Object.entries(c.floors).map(([name, f]) => ({ function: `floor: ${name}`, 'min KB': f.minKB, 'gzip KB': f.gzipKB, ms: f.ms, 'cpu ms': f.cpuMs, '×bare': f.ratioToBare })),
      ...c.rows.map((row) => ({
        function: row.function,
        stripe: row.stripe ? 'yes' : '',
        'min KB': row.minKB ?? row.status,
        'gzip KB': row.gzipKB,
        'asset KB': row.assetKB,
        ms: row.ms,
        'cpu ms': row.cpuMs,
        'ms with --enable-source-maps': row.msWithSourceMaps,
        'floor ms, paired': row.floorMsPaired,
        '×floor': row.ratioToFloor,
        'floor cpu ms, paired': row.floorCpuMsPaired,
        '×floor cpu': row.cpuRatioToFloor,
        '×bare': row.ratioToBare,
        '+KB': row.extraKB,
        time: row.withinTime,
        'time cpu': row.withinCpuTime,
        size: row.withinSize,
      })),
    ]),
    table("1b. A route's first request: the schemas it builds (contracts are deferred: a route's request schemas before its handler runs, or at load for a function of one route, in its import above; its response schema while the handler waits on the network). `×floor`: section 1's `×floor` + `request ms` ÷ `floor ms, paired` (section 1's ratio for a function of one route)", r.firstRoutes.map((row) => ({
      function: row.function,
      routes: row.routes,
      'slowest route': row.routes === 1 ? 'at load' : `\`${row.slowestRoute}\``,
      'request ms': row.ms,
      'request schemas': row.schemas,
      'import + request, ms': row.importPlusRequestMs,
      'floor ms, paired': row.floorMsPaired,
      '×floor': row.ratioToFloor,
      'largest response ms (while waiting)': row.responseMs,
      'response schemas': row.responseSchemas,
    }))),
    table('2. DynamoDB requests and consumed capacity per step (one order, warm)', r.requests.rows.map((row) => ({ ...row }))),
    notes('', [
      `outbox relay: ${r.requests.budget.relay.invocations} invocation(s) for ${r.requests.budget.relay.events} event(s) over the order; it reads the stream it is handed and makes no DynamoDB request.`,
      '`requests` excludes the idempotency record and the settings reads (cached 5 s per container, so present or not by timing; at a few orders per second most containers find the cache cold). Capacity columns include them.',
      '`failed`: requests DynamoDB refused (a false condition, a cancelled transaction), named in `operations`; AWS bills a refused write as if it had run, and `wcu` includes it (`test/bench/billing.ts`).',
      '`roundTrips`: of those requests, the ones the function waits for one after the other (requests in flight together count once): the DynamoDB part of the step\'s latency, in round trips.',
    ]),
    table(`3. Cost per million orders (USD, ${r.cost.prices.region} list prices in effect from ${r.cost.prices.effective}, read in ${r.cost.prices.readIn})`, [
      ...Object.entries(r.cost.perService).map(([service, usd]) => ({ line: service, 'USD / M orders': usd })),
      { line: '**total (budget $35)**', 'USD / M orders': r.cost.total },
      { line: 'SES emails (outside the budget)', 'USD / M orders': r.cost.sesPerMillion },
      { line: 'X-Ray, deployed with -c tracing=true (off by default)', 'USD / M orders': r.cost.xrayIfTracedPerMillion },
      { line: 'create cart + set customer (outside the scenario)', 'USD / M orders': r.cost.extraStepsPerMillion },
      { line: 'a refund, per million refunds (outside the scenario)', 'USD / M orders': r.cost.refundPerMillion },
    ]),
    table('3b. Cost per step of the scenario', Object.entries(r.cost.perStep).map(([step, usd]) => ({ step, 'USD / M orders': usd }))),
    notes('To reach $25:', r.cost.toReachTarget),
    table('4. Local latency and throughput (32 connections)', r.load.map((l) => ({ ...l }))),
    table(`4b. Confirmation at the Stripe emulator → order paid (${r.latency.orders} orders)`, [{ ...r.latency }]),
    table('5. Error path: add-to-cart answered 400 vs 200', r.errorPath.map((f) => ({ ...f }))),
    table(`6. Invoice counter, ${r.counter.contention} payments at once (DynamoDB Local)`, [{ ...r.counter, notes: undefined }]),
    notes('', r.counter.notes),
    table('Budgets of issue 15', r.budgets.map(({ budget, measured, result }) => ({ budget, measured, result }))),
  ];
  console.log(out.filter(Boolean).join('\n'));
};

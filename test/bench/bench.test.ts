import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { functions } from '#wiring';
import type { BenchResults } from './print';

const root = path.resolve(import.meta.dirname, '../..');

/**
 * The quick bench took 140 to 165 s on this loaded 2-core machine: the child is given well over
 * twice that, and vitest a little more than the child, so that a slow run fails by the child's
 * timeout (with its stderr) rather than by vitest's. `spawnSync` blocks the event loop, so
 * vitest's own timer could only fire once the child is done anyway.
 */
const BENCH_TIMEOUT_MS = 420_000;
const TEST_TIMEOUT_MS = BENCH_TIMEOUT_MS + 30_000;

/**
 * The bench, small (`--quick`), in its own process: it patches the SDK clients and `fetch` of the
 * process it runs in. Its timings are not asserted (they are figures to read, not budgets a
 * test can hold on a shared machine); its request counts are exact, and held to the budget.
 */
const runQuickBench = (): BenchResults => {
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'test/bench/run.ts', '--quick', '--json'], {
    cwd: root,
    env: { ...process.env, POWERTOOLS_LOG_LEVEL: 'SILENT' },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    timeout: BENCH_TIMEOUT_MS,
  });
  if (run.status !== 0) throw new Error(`npm run bench -- --quick failed (${run.status ?? run.signal}${run.error ? `, ${run.error.message}` : ''}):\n${run.stderr.slice(-3000)}`);
  return JSON.parse(run.stdout) as BenchResults;
};

describe('npm run bench --quick', () => {
  let results: BenchResults;

  it('runs every section and prints JSON with a row per function', () => {
    results = runQuickBench();
    expect(results.coldStarts.rows.map((r) => r.function).sort()).toEqual(Object.keys(functions).sort());
    expect(results.coldStarts.floors.dynamodb.minKB).toBeGreaterThan(0);
    expect(results.coldStarts.floors['dynamodb+stripe'].minKB).toBeGreaterThan(results.coldStarts.floors.dynamodb.minKB);
    // Each import is also read in CPU time, which the process reports as it exits.
    for (const row of results.coldStarts.rows) expect({ fn: row.function, cpu: (row.cpuMs ?? 0) > 0 && (row.cpuRatioToFloor ?? 0) > 0 }).toEqual({ fn: row.function, cpu: true });
    // What a route's first request builds, since contracts are deferred: its request schemas before
    // its handler (at load for a function of one route), its response while the handler waits.
    expect(results.firstRoutes.map((r) => r.function)).toEqual(expect.arrayContaining(['carts', 'orders', 'catalog', 'checkout']));
    for (const row of results.firstRoutes) {
      const built = row.routes > 1 ? row.schemas > 0 && row.ms > 0 : row.schemas === 0 && row.ms === 0;
      expect({ fn: row.function, built }).toEqual({ fn: row.function, built: true });
    }
    expect(results.firstRoutes.find((r) => r.function === 'checkout')?.responseSchemas).toBeGreaterThan(150);
    expect(results.load.map((l) => [l.what, l.tool])).toEqual([['add to cart', 'autocannon'], ['checkout', 'autocannon']]);
    // Every checkout placed its order: each connection reaches the API from an address of its own,
    // so the load meets no per-IP cap (from 127.0.0.1 alone, past 20 unpaid orders: 429).
    expect(results.load.find((l) => l.what === 'checkout')).toMatchObject({ requests: 32, unexpected: 0 });
    expect(results.latency.orders).toBeGreaterThan(0);
    expect(results.errorPath.map((f) => f.where)).toHaveLength(3);
    expect(results.counter.paid + results.counter.gaveUp).toBe(results.counter.contention);
    // Every step of the scripted order ran, the refund included (priced per refund).
    expect(results.requests.rows.filter((r) => r.requests === 'n/a')).toEqual([]);
    expect(results.requests.rows.find((r) => r.step === 'refund' && r.function === 'refunds')?.requests).toBeGreaterThan(0);
    expect(results.cost.refundPerMillion).toBeGreaterThan(0);
  }, TEST_TIMEOUT_MS);

  it('writes in its JSON the figures the report prints: the paired floors, the first request with its import, the budgets', () => {
    const { rows } = results.coldStarts;
    for (const row of rows) expect({ fn: row.function, paired: (row.floorMsPaired ?? 0) > 0 && (row.floorCpuMsPaired ?? 0) > 0 }).toEqual({ fn: row.function, paired: true });
    // Section 1b's ratio is section 1's plus the request's share of the same paired floor.
    for (const route of results.firstRoutes) {
      const cold = rows.find((r) => r.function === route.function)!;
      expect(route).toMatchObject({ importPlusRequestMs: Number((cold.ms! + route.ms).toFixed(1)), floorMsPaired: cold.floorMsPaired });
      expect(route.ratioToFloor).toBeCloseTo(cold.ratioToFloor! + route.ms / cold.floorMsPaired!, 2);
      if (route.routes === 1) expect(route.ratioToFloor).toBe(cold.ratioToFloor);
    }
    const coldStart = results.budgets.find((b) => b.budget.startsWith('cold start'));
    expect(coldStart).toMatchObject({ of: rows.filter((r) => r.status === 'measured').length, worst: Math.max(...rows.map((r) => r.ratioToFloor ?? 0)) });
    expect(coldStart?.measured).toContain(`${coldStart?.within} of ${coldStart?.of} within`);
    expect(results.budgets.map((b) => b.budget)).toContain('no Scan anywhere');
  });

  it('bills the writes DynamoDB refused and names them, and prices the order from its own counts', () => {
    // A refused conditional write, or a cancelled transaction, is billed as AWS bills it.
    for (const row of results.requests.rows.filter((r) => r.failed > 0 && /(PutItem|UpdateItem|DeleteItem|TransactWriteItems)[^,]*\(failed: (ConditionalCheckFailed|TransactionCanceled)/.test(r.operations))) {
      expect({ step: row.step, fn: row.function, billed: row.wcu > 0 }).toEqual({ step: row.step, fn: row.function, billed: true });
    }
    const { cost } = results;
    expect(cost.prices).toMatchObject({ region: 'us-east-1', effective: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) });
    const beyondDynamo = Object.entries(cost.perService).filter(([line]) => !line.startsWith('DynamoDB')).reduce((s, [, usd]) => s + usd, 0);
    expect(cost.toReachTarget.join('\n')).toContain(`API Gateway, Lambda, EventBridge and SQS alone are $${Number(beyondDynamo.toFixed(2))} in this run`);
    const units = cost.writeUnitsByItem.reduce((s, b) => s + b.units, 0);
    expect(units).toBeCloseTo(cost.usagePerOrder.wru, 0);
  });

  it('counts the DynamoDB requests of one order within budget', () => {
    const { budget, rows } = results.requests;
    expect(rows.find((r) => r.step === 'checkout' && r.function === 'checkout')?.idempotencyRequests).toBeGreaterThan(0);
    // Issue 15: checkout ≤ 3 requests besides its idempotency record.
    expect(budget.checkoutRequests).toBeLessThanOrEqual(3);
    // Issue 15: payment confirmation is 1 transaction plus its reads.
    expect(budget.confirmationTransactions).toBe(1);
    expect(budget.confirmationOtherWrites).toBe(0);
    expect(budget.scans).toBe(0);
  });

  it('waits for one round trip where reads go together: the cart and its product; the order and its invoice counter; an order\'s products', () => {
    const tripsOf = (step: string, fn: string) => results.requests.rows.find((r) => r.step.startsWith(step) && r.function === fn);
    // Add to cart: the cart and the product at once, then the cart's update.
    expect(tripsOf('add to cart', 'carts')).toMatchObject({ requests: 3, roundTrips: 2 });
    // Payment: the order and the counter at once (the settings with them), then the transaction.
    expect(tripsOf('payment confirmation', 'payments')).toMatchObject({ requests: 3, roundTrips: 2 });
    // Checkout: the cart, the order number, the transaction, each needing the one before.
    expect(tripsOf('checkout', 'checkout')).toMatchObject({ requests: 3, roundTrips: 3 });
    // The inventory worker, told of the order: its products' stock in one request, then its one write.
    expect(tripsOf('checkout', 'inventory')).toMatchObject({ requests: 2, roundTrips: 2 });
  });
});

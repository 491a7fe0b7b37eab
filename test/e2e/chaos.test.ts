import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../infra/local/runtime';
import { startTestRuntime } from '../support/runtime';
import { until } from './client';
import { shopper, type Checkout, type Order } from './shop';

let runtime: LocalRuntime;
let shop: ReturnType<typeof shopper>;

/** CI's chaos pass gives its seed; alone, this file uses a fixed one. */
const seed = Number(process.env.LOCAL_CHAOS_SEED ?? 20261129);

beforeAll(async () => {
  // No `chaos` option: the runtime reads LOCAL_CHAOS and LOCAL_CHAOS_SEED, as `npm start` does.
  const saved = { LOCAL_CHAOS: process.env.LOCAL_CHAOS, LOCAL_CHAOS_SEED: process.env.LOCAL_CHAOS_SEED };
  Object.assign(process.env, { LOCAL_CHAOS: '1', LOCAL_CHAOS_SEED: String(seed) });
  try {
    runtime = await startTestRuntime({ visibilityTimeoutScale: 0.01 });
  } finally {
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  }
  shop = shopper(runtime);
});
afterAll(() => runtime.stop());

type ChaosView = {
  chaos: { seed: number; injected: Record<'duplicates' | 'reordered' | 'concurrentBatches' | 'putEventsFailures' | 'webhookRedeliveries' | 'stripeLostAnswers' | 'stripeKeysInUse' | 'scheduleDuplicates', number> };
};

describe('LOCAL_CHAOS=1: a bad day on AWS', () => {
  it('duplicates, reordering, concurrent batches, failed PutEvents, repeated webhooks, lost Stripe answers and a replay: 54 orders each paid once, invoices 1..54 with no gap, stock exact', async () => {
    expect(runtime.chaosSeed).toBe(seed);
    const start = ((await shop.api('GET', '/dev/faults')).body as unknown as ChaosView).chaos;
    expect(start.seed).toBe(seed);

    const skus = ['MUG-ENAMEL-BLUE', 'APRON-LINEN', 'TEE-ORGANIC-M', 'BOOK-PETIT-PRINCE', 'BOOK-CUISINE-FR', 'GIFT-CARD-50'];
    const stock = async () => Object.fromEntries(await Promise.all(skus.map(async (sku) => [sku, (await shop.api<{ available?: number }>('GET', `/products/${sku}`)).body.available])));
    for (const sku of skus.filter((s) => s !== 'GIFT-CARD-50')) {
      expect((await shop.api('POST', `/admin/products/${sku}/stock`, { body: { set: 100 }, headers: shop.admin })).status).toBe(200);
    }
    const before = await stock();
    // An order of digital goods only is delivered as soon as it is paid.
    const settled = (sku: string) => (sku === 'GIFT-CARD-50' ? 'delivered' : 'paid');
    const expected: string[] = [];
    // 54 orders, six at a time, each round paid before the next (a client holds at most 20 unpaid).
    const placed: Checkout[] = [];
    const orders: Order[] = [];
    for (let round = 0; round < 9; round++) {
      const replies = await Promise.all(skus.map(async (sku) => shop.checkout(await shop.openCart({ [sku]: 1 }))));
      for (const reply of replies) expect(reply.status).toBe(201);
      const batch = replies.map((r) => r.body);
      expect((await Promise.all(batch.map((p) => shop.confirm(p.payment.paymentIntentId, 'pm_card_visa')))).every((s) => s === 200)).toBe(true);
      orders.push(...(await Promise.all(batch.map((p, i) => until(() => shop.readOrder(p).then((r) => r.body), (o: Order) => o.status === settled(skus[i]!), 15_000)))));
      placed.push(...batch);
      expected.push(...skus.map(settled));
    }
    expect(orders.map((o) => o.status)).toEqual(expected);
    // Late and repeated webhooks have arrived, and the queues have run dry.
    await runtime.stripe!.idle();
    await until(async () => Object.values(runtime.queues).every((q) => q.depth === 0), (done) => done, 15_000);
    const invoiceNumbers = (await Promise.all(placed.map((p) => shop.readOrder(p)))).map((r) => r.body.invoiceNumber);
    expect(new Set(invoiceNumbers).size).toBe(placed.length);
    expect(invoiceNumbers).toEqual(orders.map((o) => o.invoiceNumber));
    // Gap-free: the invoice numbers are exactly 1..54 of the year.
    expect(invoiceNumbers.map((n) => Number(String(n).slice(6))).sort((x, y) => x - y)).toEqual(placed.map((_, i) => i + 1));
    // Stock exact: each physical product sold exactly the units bought, whatever was delivered twice.
    const after = await stock();
    for (const sku of skus.filter((s) => s !== 'GIFT-CARD-50')) expect({ sku, sold: Number(before[sku]) - Number(after[sku]) }).toEqual({ sku, sold: 9 });
    for (const p of placed) expect(await shop.eventsOf('OrderPaid', p.order.id)).toHaveLength(1);

    // A replay is a burst: every queue holds many messages at once, handed out shuffled.
    const carried = (await shop.events()).length;
    expect((await shop.api('POST', '/dev/events/replay')).status).toBe(202);
    await until(async () => Object.values(runtime.queues).every((q) => q.depth === 0), (done) => done, 15_000);
    expect((await shop.events()).length).toBe(carried);
    expect((await Promise.all(placed.map((p) => shop.readOrder(p)))).map((r) => [r.body.status, r.body.invoiceNumber])).toEqual(orders.map((o, i) => [expected[i], o.invoiceNumber]));

    // PutEvents failures are drawn per call: should this run's calls all have gone through, a few
    // more calls (straight to the local EventBridge endpoint) must meet one.
    const eventBridge = new EventBridgeClient({ endpoint: runtime.awsUrl, region: 'eu-west-3', maxAttempts: 1 });
    const view = async () => ((await shop.api('GET', '/dev/faults')).body as unknown as ChaosView).chaos.injected;
    for (let i = 0; i < 200 && (await view()).putEventsFailures === start.injected.putEventsFailures; i++) {
      await eventBridge.send(new PutEventsCommand({ Entries: [{ Source: 'commerce.test', DetailType: 'ChaosProbe', Detail: '{}' }] })).catch(() => undefined);
    }
    eventBridge.destroy();
    // Lost Stripe answers too: should none of this run's keyed calls have lost one, a few more (straight to the emulator) must.
    for (let i = 0; i < 200 && (await view()).stripeLostAnswers === start.injected.stripeLostAnswers; i++) {
      const headers = { authorization: 'Bearer sk_test_local_emulator', 'idempotency-key': `chaos-probe-${i}` };
      await fetch(`${runtime.stripeUrl}/v1/payment_intents`, { method: 'POST', headers, body: 'amount=1000&currency=eur' }).catch(() => undefined);
    }
    // Keys in use need two calls with one key at once, and schedules a clock moved on, which this
    // scenario may not make: not required to move (test/unit/local/clock.test.ts has them).
    const { stripeKeysInUse: _keys, scheduleDuplicates: _runs, ...injected } = await view();
    const moved = Object.fromEntries(Object.entries(injected).map(([name, n]) => [name, n > start.injected[name as keyof typeof injected]]));
    expect(moved).toEqual({ duplicates: true, reordered: true, concurrentBatches: true, putEventsFailures: true, webhookRedeliveries: true, stripeLostAnswers: true });
  }, 180_000);
});

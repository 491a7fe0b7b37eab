/**
 * Item 2: one order walked through the local runtime, step by step, with every DynamoDB request
 * counted (and its consumed capacity) by the meter. Each step waits until the system is quiet
 * again, so what its asynchronous tail does (the outbox relay, the workers it wakes) is counted
 * with it. A first order is walked uncounted, so that the counted one meets warm caches, as most
 * requests do in Lambda.
 */
import { existsSync } from 'node:fs';
import { ExternalRefundReported, PaymentCanceled, PaymentFailed, PaymentActionRequired, PaymentSucceeded, RefundStatusReported } from '#payments/contracts/events';
import { routes } from '#wiring';
import type { LocalRuntime } from '../../infra/local/runtime';
import { handlerPath } from './cold-starts';
import type { Call, Invocation, Meter } from './meter';
import { benchShopper, type Placed } from './shopper';

/** Physical goods, so that the order can be shipped. */
export const SKUS = ['MUG-ENAMEL-BLUE', 'BOOK-PETIT-PRINCE', 'APRON-LINEN'] as const;

/** What the Stripe webhook function publishes itself (everything else goes through the outbox). */
const WEBHOOK_EVENTS = new Set<string>([PaymentSucceeded.name, PaymentFailed.name, PaymentActionRequired.name, PaymentCanceled.name, RefundStatusReported.name, ExternalRefundReported.name]);
export const WEBHOOK_FUNCTION = 'stripe-webhook';
export const RELAY_FUNCTION = 'outbox-relay';

export interface Phase {
  name: string;
  /** The HTTP function the step calls; requests made outside any worker are its own. */
  httpFunction?: string;
  status: 'measured' | 'n/a';
  note?: string;
  /** The client-side time of each HTTP request the step made (API Gateway requests, Lambda durations). */
  http: { fn: string; ms: number }[];
  calls: Call[];
  /** Worker batches and webhook deliveries. */
  invocations: Invocation[];
}

/** Who made a call: its worker, else the relay or the webhook (by what it publishes), else the step's HTTP function. */
export const ownerOf = (call: Call, phase: Phase): string => {
  if (call.fn) return call.fn;
  if (call.service === 'eventbridge') return call.detailTypes.every((t) => WEBHOOK_EVENTS.has(t)) ? WEBHOOK_FUNCTION : RELAY_FUNCTION;
  return phase.httpFunction ?? 'unknown';
};

const hasRoute = (key: string) => key in routes;
const hasHandler = (fn: string) => existsSync(handlerPath(fn));

export const runScriptedOrder = async (runtime: LocalRuntime, meter: Meter): Promise<Phase[]> => {
  const shop = benchShopper(runtime);
  const queues = runtime.queues as unknown as Parameters<Meter['settle']>[0];
  const canShip = hasRoute('POST /admin/orders/{orderId}/shipments') && hasHandler('fulfillment');
  const canRefund = hasRoute('POST /admin/orders/{orderId}/refunds') && hasHandler('refunds');

  // The emulator settles a refund 200 ms after it is made, then posts its webhooks: a timer the
  // meter cannot see, so a step waits for the emulator to have nothing left to send, then settles.
  const settle = async () => {
    await runtime.stripe?.idle();
    await meter.settle(queues);
  };

  const walk = async (buyer: number, record: (phase: Phase) => void) => {
    const step = async <T>(name: string, httpFunction: string | undefined, run: (timed: <R extends { ms: number }>(fn: string, r: Promise<R>) => Promise<R>) => Promise<T>) => {
      await settle();
      const from = meter.mark();
      const http: Phase['http'] = [];
      const result = await run(async (fn, pending) => {
        const reply = await pending;
        http.push({ fn, ms: reply.ms });
        return reply;
      });
      await settle();
      record({ name, ...(httpFunction && { httpFunction }), status: 'measured', http, calls: meter.calls.slice(from.calls), invocations: meter.invocations.slice(from.invocations) });
      return result;
    };
    const cart = await step('create cart', 'carts', (t) => t('carts', shop.createCart()));
    for (const sku of SKUS) await step('add to cart', 'carts', (t) => t('carts', shop.addItem(cart, sku)));
    await step('get cart', 'carts', (t) => t('carts', shop.getCart(cart)));
    await step('set customer', 'carts', (t) => t('carts', shop.setCustomer(cart, buyer)));
    const placed = (await step('checkout', 'checkout', (t) => t('checkout', shop.checkout(cart, `bench-scripted-${buyer}`)))).body as Placed;
    // The webhook and the workers it wakes: everything until the order is paid and its tail settled.
    await step('payment confirmation', undefined, async () => shop.confirm(placed.payment.paymentIntentId));
    const status = await shop.orderStatus(placed);
    if (status !== 'paid') throw new Error(`The scripted order ended ${status}, not paid.`);
    if (canShip) {
      await step('shipment', 'fulfillment', async (t) => {
        const reply = await t('fulfillment', shop.ship(placed.order.id));
        if (reply.status !== 201) throw new Error(`POST shipments: ${reply.status} ${JSON.stringify(reply.body).slice(0, 300)}`);
      });
    } else {
      record({ name: 'shipment', status: 'n/a', note: 'POST /admin/orders/{orderId}/shipments has no handler yet', http: [], calls: [], invocations: [] });
    }
    // The shop refunds what is left, and Stripe's report of it (webhook → refund-settlement) settles it.
    if (canRefund) {
      await step('refund', 'refunds', async (t) => {
        const reply = await t('refunds', shop.refund(placed.order.id, `bench-refund-${buyer}`));
        if (reply.status !== 201) throw new Error(`POST refunds: ${reply.status} ${JSON.stringify(reply.body).slice(0, 300)}`);
      });
    } else {
      record({ name: 'refund', status: 'n/a', note: 'POST /admin/orders/{orderId}/refunds has no handler yet', http: [], calls: [], invocations: [] });
    }
  };

  await walk(900_001, () => undefined);
  const phases: Phase[] = [];
  meter.billByItemSize(runtime.dynamoEndpoint);
  try {
    await walk(900_002, (phase) => phases.push(phase));
  } finally {
    meter.stopBilling();
  }
  return phases;
};

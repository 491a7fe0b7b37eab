import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { productKey } from '#catalog/adapters/keys';
import { UnavailableError, UnprocessableError } from '#kernel/errors';
import { newId } from '#kernel/ids';
import type { Order } from '#ordering/domain/order';
import { createOrderRepository } from '#ordering/index';
import type { PaymentGateway } from '#payments/app/ports';
import { createAfterSalesStore } from '#returns/adapters/after-sales-store';
import type { ShopSettings } from '#settings/index';
import { fakePayments } from '../../fixtures/fake-payments';
import { storeOrders } from '../../fixtures/orders';
import { outboxOf } from '../../fixtures/outbox';
import { aShop } from '../../fixtures/settings';
import { freshTables } from '../../support/dynamo';

type Refund = Awaited<ReturnType<PaymentGateway['createRefund']>>;

/**
 * A Stripe stand-in for refunds, keyed like Stripe: a key it has seen gets the same refund back.
 * `next('down')` makes the next call fail as a network error would, `next('refuse')` as Stripe
 * refusing the refund does.
 */
export const fakeStripe = () => {
  const calls: { key: string; amount: number }[] = [];
  const refunds = new Map<string, Refund>();
  const script: ('down' | 'refuse')[] = [];
  const gateway: PaymentGateway = {
    ...fakePayments(),
    async createRefund(input) {
      calls.push({ key: input.idempotencyKey, amount: input.amount?.amount ?? 0 });
      const outcome = script.shift();
      // As the Stripe gateway tells a Stripe out of reach.
      if (outcome === 'down') throw new UnavailableError('Stripe did not answer as expected: connect ECONNREFUSED api.stripe.com');
      if (outcome === 'refuse') throw new UnprocessableError('The charge was disputed: it cannot be refunded.');
      const refund = refunds.get(input.idempotencyKey) ?? { refundId: `re_${refunds.size + 1}`, status: 'succeeded' as const, amount: input.amount ?? { amount: 0, currency: 'EUR' } };
      refunds.set(input.idempotencyKey, refund);
      return refund;
    },
  };
  return { gateway, calls, refunds, next: (...outcomes: ('down' | 'refuse')[]) => script.push(...outcomes) };
};

/** The tables, the returns context wired to them with a fake Stripe, a clock the test moves, and readers of what was written. */
export const returnsWorld = async () => {
  const { db, names } = await freshTables();
  const table = names.domain;
  const stripe = fakeStripe();
  const clock = { now: new Date('2026-12-03T10:00:00.000Z') };
  const settings = { returnWindowDays: 14 };
  const deps = {
    orders: createOrderRepository(db, table),
    // The token of order X is `token-X`: what matters here is who holds it.
    orderTokens: { matches: async (id: string, token: string | undefined) => token === `token-${id}` },
    store: createAfterSalesStore(db, table),
    paymentGateway: stripe.gateway,
    settings: async () => ({ ...aShop({ returnWindowDays: settings.returnWindowDays }), updatedAt: '2026-11-01T00:00:00.000Z' }) as ShopSettings,
    ids: newId,
    clock: () => clock.now,
  };
  const get = async (Key: Record<string, string>) => (await db.send(new GetCommand({ TableName: table, Key, ConsistentRead: true }))).Item;
  return {
    deps,
    stripe,
    clock,
    settings,
    facts: outboxOf(db, table),
    /** Writes the order, and the mug (or another product) with no stock (again: compare stock before and after). */
    store: (order: Order, sku = 'MUG-1') => storeOrders(db, table, [order], { sku }),
    order: async (id: string) => (await deps.orders.get(id))!.order,
    available: async (sku: string) => Number((await get(productKey(sku)))?.available),
    lookup: (returnId: string) => get({ PK: `RETURN#${returnId}`, SK: 'RETURN' }),
  };
};

/** The fields a domain error names, or [] when the call succeeded. */
export const fieldsOf = async (call: Promise<unknown>): Promise<{ name: string; paths: string[] }> =>
  call.then(
    () => ({ name: 'none', paths: [] }),
    (error: Error & { errors?: { path: string }[] }) => ({ name: error.constructor.name, paths: (error.errors ?? []).map((e) => e.path) }),
  );

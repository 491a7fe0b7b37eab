import { describe, expect, it } from 'vitest';
import { reconcilePayments } from '#payments/app/reconcile-payments';
import { createOrderPayments } from '#payments/adapters/order-payments';
import { createOrderRepository } from '#ordering/adapters/order-repository';
import type { PaymentIntentView } from '#payments/domain/payment';
import { fakePayments } from '../../fixtures/fake-payments';
import { aPendingOrder, storeOrders } from '../../fixtures/orders';
import { newId } from '#kernel/ids';
import { unconfiguredSettings } from '#settings/domain/settings';
import { aShop } from '../../fixtures/settings';
import { outboxOf } from '../../fixtures/outbox';
import { freshTables } from '../../support/dynamo';

const eur = (amount: number) => ({ amount, currency: 'EUR' as const });

describe('payment reconciliation on DynamoDB Local', () => {
  it('repairs what lost webhooks left: paid, 3-D Secure shown; leaves unpaid and recent orders alone', async () => {
    const { db, names } = await freshTables();
    const at = (minute: string) => `2026-11-24T10:${minute}:00.000Z`;
    await storeOrders(db, names.domain, [
      aPendingOrder('rec-paid-0001', { createdAt: at('00') }),
      aPendingOrder('rec-3ds-00002', { createdAt: at('01') }),
      aPendingOrder('rec-unpaid-03', { createdAt: at('02') }),
      aPendingOrder('rec-recent-04', { createdAt: at('08') }),
    ]);
    // What Stripe says about each PaymentIntent.
    const atStripe: Record<string, Pick<PaymentIntentView, 'status' | 'amountReceived'>> = {
      'pi_rec-paid-0001': { status: 'succeeded', amountReceived: 2400 },
      'pi_rec-3ds-00002': { status: 'requires_action', amountReceived: 0 },
      'pi_rec-unpaid-03': { status: 'requires_payment_method', amountReceived: 0 },
      'pi_rec-recent-04': { status: 'succeeded', amountReceived: 2400 },
    };
    const asked: string[] = [];
    const gateway = {
      ...fakePayments(),
      async retrievePaymentIntent(id: string) {
        asked.push(id);
        return { paymentIntentId: id, amount: eur(2400), ...atStripe[id]! };
      },
    };
    const deps = { orders: createOrderRepository(db, names.domain), orderPayments: createOrderPayments(db, names.domain, createOrderRepository(db, names.domain)), paymentGateway: gateway, settings: async () => ({ ...unconfiguredSettings, seller: aShop().seller }), ids: newId, clock: () => new Date('2026-11-24T10:10:00Z') };

    expect(await reconcilePayments(deps, 'c')).toEqual({ checked: 3, repaired: 2 });
    expect(asked.sort()).toEqual(['pi_rec-3ds-00002', 'pi_rec-paid-0001', 'pi_rec-unpaid-03']);
    const orders = createOrderRepository(db, names.domain);
    expect((await orders.get('rec-paid-0001'))?.order).toMatchObject({ status: 'paid', invoiceNumber: expect.stringMatching(/^F2026-/) });
    expect((await orders.get('rec-3ds-00002'))?.order).toMatchObject({ status: 'pending_payment', payment: { status: 'requires_action' } });
    expect((await orders.get('rec-unpaid-03'))?.order).toMatchObject({ status: 'pending_payment', payment: { status: 'requires_payment_method' } });
    expect((await orders.get('rec-recent-04'))?.order).toMatchObject({ status: 'pending_payment' });
    expect((await outboxOf(db, names.domain)()).filter((e) => e.name === 'OrderPaid')).toHaveLength(1);

    // A second run finds nothing more to repair.
    expect(await reconcilePayments(deps, 'c')).toEqual({ checked: 2, repaired: 0 });
  });
});

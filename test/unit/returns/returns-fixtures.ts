import type { OrderLine } from '#ordering/domain/order';
import type { Order } from '#ordering/domain/order';
import { aPendingOrder } from '../../fixtures/orders';

export const eur = (amount: number) => ({ amount, currency: 'EUR' as const });

/** A line of `quantity` units at `unit` (VAT included, 20 %). */
export const aLine = (sku: string, quantity: number, unit: number, type: OrderLine['type'] = 'physical'): OrderLine => ({
  sku,
  name: sku,
  type,
  taxCategory: 'standard',
  unitPrice: eur(unit),
  quantity,
  lineTotal: eur(unit * quantity),
  discount: eur(0),
  taxRate: 2000,
  tax: eur(Math.round((unit * quantity * 2000) / 12_000)),
});

/** Delivered on 1 December 2026 at 10:00, Paris time. */
export const DELIVERED_AT = '2026-12-01T09:00:00.000Z';

/**
 * A paid, invoiced order of 2 mugs (12.00 each) and an e-book (5.00), delivered, with 6.00 of
 * delivery (1.00 VAT): 35.00 in all, VAT included.
 */
export const aDeliveredOrder = (id: string, overrides: Partial<Order> = {}): Order => {
  const items = [aLine('MUG-1', 2, 1200), aLine('EBOOK-1', 1, 500, 'digital')];
  const linesTax = items.reduce((n, l) => n + l.tax.amount, 0);
  return aPendingOrder(id, {
    status: 'delivered',
    items,
    totals: { subtotal: eur(2900), discount: eur(0), shipping: eur(600), tax: eur(linesTax + 100), total: eur(3500) },
    taxBreakdown: [{ rate: 2000, base: eur(3500 - linesTax - 100), tax: eur(linesTax + 100) }],
    paidAt: '2026-11-24T10:05:00.000Z',
    invoiceNumber: 'F2026-000042',
    payment: { provider: 'stripe', paymentIntentId: `pi_${id}`, status: 'succeeded' },
    shipments: [
      {
        id: 'ship-1',
        carrier: 'colissimo',
        trackingNumber: '6A0001',
        trackingUrl: 'https://www.laposte.fr/outils/suivre-vos-envois?code=6A0001',
        items: [{ sku: 'MUG-1', quantity: 2 }],
        shippedAt: '2026-11-28T10:00:00.000Z',
        deliveredAt: DELIVERED_AT,
      },
    ],
    deliveredAt: DELIVERED_AT,
    ...overrides,
  });
};

/** Overrides that make `aDeliveredOrder` 2 mugs and 6.00 of delivery, nothing digital: 30.00. */
export const mugsOnly = (): Partial<Order> => ({
  items: [aLine('MUG-1', 2, 1200)],
  totals: { subtotal: eur(2400), discount: eur(0), shipping: eur(600), tax: eur(500), total: eur(3000) },
  taxBreakdown: [{ rate: 2000, base: eur(2500), tax: eur(500) }],
});

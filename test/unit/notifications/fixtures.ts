import type * as z from 'zod';
import { StockLow } from '#catalog/contracts/events';
import { DigitalGoodsDelivered, OrderDelivered, OrderShipped } from '#fulfillment/contracts/events';
import type { Locale } from '#kernel/customer';
import type { Order } from '#ordering/domain/order';
import { OrderPaid } from '#ordering/contracts/events';
import { orderSnapshot } from '#ordering/index';
import type { EmailContext } from '#notifications/app/ports';
import { aPendingOrder } from '../../fixtures/orders';

/** Facts as the notifications receive them, each parsed by its contract so a fixture never drifts from it. */

const address = { name: 'Camille Martin', line1: '12 rue de Rivoli', postalCode: '75004', city: 'Paris', country: 'FR' };

/** A paid order of two mugs (24,00 € with 4,00 € of VAT), to Camille, in her language. */
export const aPaidOrder = (id: string, locale: Locale = 'fr', overrides: Partial<Order> = {}): Order => ({
  ...aPendingOrder(id),
  status: 'paid',
  invoiceNumber: 'F2026-000042',
  paidAt: '2026-11-24T10:05:00.000Z',
  customer: { email: 'camille@example.fr', locale, shippingAddress: address },
  ...overrides,
});

export const orderPaid = (order: Order): z.infer<typeof OrderPaid.schema> =>
  OrderPaid.schema.parse({ order: { ...orderSnapshot(order), invoiceNumber: order.invoiceNumber, paidAt: order.paidAt } });

export const aShipment = (overrides: Partial<NonNullable<Order['shipments']>[number]> = {}) => ({
  id: 'shp-1',
  carrier: 'colissimo' as const,
  trackingNumber: '6A12345678901',
  trackingUrl: 'https://www.laposte.fr/outils/suivre-vos-envois?code=6A12345678901',
  items: [{ sku: 'PAID-1', quantity: 2 }],
  shippedAt: '2026-11-25T09:00:00.000Z',
  ...overrides,
});

export const orderShipped = (order: Order, shipment = aShipment()): z.infer<typeof OrderShipped.schema> =>
  OrderShipped.schema.parse({ order: orderSnapshot({ ...order, status: 'shipped', shipments: [shipment] }), shipment });

export const orderDelivered = (order: Order, shipment = aShipment({ deliveredAt: '2026-11-27T14:30:00.000Z' })): z.infer<typeof OrderDelivered.schema> =>
  OrderDelivered.schema.parse({ order: orderSnapshot({ ...order, status: 'delivered', shipments: [shipment], deliveredAt: shipment.deliveredAt }), shipment });

const eur = (amount: number) => ({ amount, currency: 'EUR' as const });
const ebook = { sku: 'EBOOK-MISERABLES', name: 'Les Misérables (ebook)', type: 'digital' as const, taxCategory: 'reduced' as const, quantity: 1, unitPrice: eur(499), lineTotal: eur(499), discount: eur(0), taxRate: 550, tax: eur(26) };

/** A paid order of one ebook, its withdrawal right waived at checkout (as checkout requires for digital goods). */
export const anEbookOrder = (id: string, locale: Locale = 'fr'): Order =>
  aPaidOrder(id, locale, { items: [ebook], totals: { subtotal: eur(499), discount: eur(0), shipping: eur(0), tax: eur(26), total: eur(499) }, digitalWithdrawalWaiverAt: '2026-11-24T10:00:00.000Z' });

/** A paid order of two mugs and an ebook, the ebook's withdrawal right waived at checkout. */
export const aMixedOrder = (id: string, locale: Locale = 'fr'): Order => {
  const mugs = aPaidOrder(id, locale);
  const totals = { subtotal: eur(2899), discount: eur(0), shipping: eur(0), tax: eur(426), total: eur(2899) };
  return { ...mugs, items: [...mugs.items, ebook], totals, digitalWithdrawalWaiverAt: '2026-11-24T10:00:00.000Z' };
};

export const digitalGoodsDelivered = (id: string, locale: Locale = 'fr'): z.infer<typeof DigitalGoodsDelivered.schema> =>
  DigitalGoodsDelivered.schema.parse({ order: orderSnapshot(anEbookOrder(id, locale)), items: [{ sku: ebook.sku, name: ebook.name, quantity: 1 }] });

export const stockLow = (overrides: Partial<z.infer<typeof StockLow.schema>> = {}): z.infer<typeof StockLow.schema> =>
  StockLow.schema.parse({ sku: 'HEADPHONES-BT', name: 'Casque Bluetooth', available: 2, reorderPoint: 3, ...overrides });

/** What emails may look up, with the shop's address, an API URL and fixed download links. */
export const aContext = (overrides: Partial<EmailContext> = {}): EmailContext => ({
  now: new Date('2026-11-24T10:06:00.000Z'),
  shopEmail: 'shop@atelier.example',
  shopAddress: { name: 'Atelier Lumière', line1: '3 quai des Chartrons', line2: 'Service retours', postalCode: '33000', city: 'Bordeaux', country: 'FR' },
  invoiceUrl: async (orderId) => `https://api.atelier.example/orders/${orderId}/invoice.pdf?token=tok-${orderId}`,
  creditNoteUrl: async (orderId, number) => `https://api.atelier.example/orders/${orderId}/credit-notes/${number}.pdf?token=tok-${orderId}`,
  downloadLinks: (order) =>
    Promise.resolve(
      order.items
        .filter((line) => line.type === 'digital')
        .map((line) => ({ sku: line.sku, url: `https://downloads.atelier.example/${order.id}/${line.sku}?sig=abc&exp=1`, expiresAt: '2026-11-25T10:06:00.000Z' })),
    ),
  ...overrides,
});

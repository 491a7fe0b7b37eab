import type { Address } from '#kernel/customer';
import type { Order, OrderLine } from '#ordering/domain/order';
import { aPendingOrder } from '../../fixtures/orders';
import { aShop } from '../../fixtures/settings';

export const eur = (amount: number) => ({ amount, currency: 'EUR' as const });
export const seller = aShop().seller!;
const camille: Address = { name: 'Camille Martin', line1: '8 allée des Tilleuls', postalCode: '69003', city: 'Lyon', country: 'FR' };

const line = (sku: string, name: string, quantity: number, unit: number, discount: number, taxRate: number, tax: number): OrderLine => ({
  sku,
  name,
  type: 'physical',
  taxCategory: taxRate === 2000 ? 'standard' : 'reduced',
  unitPrice: eur(unit),
  quantity,
  lineTotal: eur(unit * quantity),
  discount: eur(discount),
  taxRate,
  tax: eur(tax),
});

/**
 * A delivered, invoiced order. By default two lines at 20 % (discounted) and 5.5 %, with a 5.90
 * delivery at 20 % (as orders were priced before the delivery followed the rates of its goods),
 * prices including VAT: 1 148,80 € in all. `kettle`: 2 × 100.00 excluding VAT,
 * 10 % VAT, 20.00 off, prices excluding VAT: 198.00 in all.
 */
export const anInvoicedOrder = (options: { locale?: 'fr' | 'en'; kettle?: boolean } = {}): Order =>
  aPendingOrder('order-000042', {
    status: 'delivered',
    invoiceNumber: 'F2026-000042',
    paidAt: '2026-11-24T10:05:00.000Z',
    deliveredAt: '2026-11-27T09:00:00.000Z',
    payment: { provider: 'stripe', paymentIntentId: 'pi_order-000042', status: 'succeeded' },
    seller,
    customer: { email: 'camille@example.fr', locale: options.locale ?? 'fr', billingAddress: camille, shippingAddress: camille },
    ...(options.kettle
      ? {
          pricesIncludeTax: false,
          items: [line('KETTLE', 'Bouilloire en fonte', 2, 10_000, 2_000, 1000, 1_800)],
          totals: { subtotal: eur(20_000), discount: eur(2_000), shipping: eur(0), tax: eur(1_800), total: eur(19_800) },
          taxBreakdown: [{ rate: 1000, base: eur(18_000), tax: eur(1_800) }],
        }
      : {
          pricesIncludeTax: true,
          items: [
            line('LAMP-ATELIER', 'Lampe d’atelier en laiton', 1, 123_456, 12_346, 2000, 18_518),
            line('BOOK-CUISINE-FR', 'La cuisine de Bordeaux', 2, 1_590, 0, 550, 166),
          ],
          totals: { subtotal: eur(126_636), discount: eur(12_346), shipping: eur(590), tax: eur(18_782), total: eur(114_880) },
          taxBreakdown: [
            { rate: 2000, base: eur(93_084), tax: eur(18_616) },
            { rate: 550, base: eur(3_014), tax: eur(166) },
          ],
        }),
  });

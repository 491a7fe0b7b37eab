import type { StockLow } from '#catalog/contracts/events';
import type { Locale } from '#kernel/customer';
import { defineEmail } from '../email-definition';

const words = {
  fr: {
    subject: (name: string, sku: string, available: number) => `Stock bas : ${name} (${sku}), ${available} restant(s)`,
    heading: 'Stock bas',
    low: (name: string, available: number, reorderPoint: number) =>
      `Le stock disponible de ${name} est de ${available}, au seuil de réapprovisionnement (${reorderPoint}) ou en dessous.`,
    restock: (sku: string) => `Réapprovisionnez-le avec POST /admin/products/${sku}/stock.`,
    available: 'Disponible',
    reorderPoint: 'Seuil de réapprovisionnement',
  },
  en: {
    subject: (name: string, sku: string, available: number) => `Low stock: ${name} (${sku}), ${available} left`,
    heading: 'Low stock',
    low: (name: string, available: number, reorderPoint: number) => `The available stock of ${name} is ${available}, at or under its reorder point (${reorderPoint}).`,
    restock: (sku: string) => `Restock it with POST /admin/products/${sku}/stock.`,
    available: 'Available',
    reorderPoint: 'Reorder point',
  },
} satisfies Record<Locale, unknown>;

/**
 * To the shop when a product's stock reaches its reorder point (a sale, a stock change, or the
 * point raised over the stock: hence "is", not "is down to"). The shop's alerts are in French:
 * the settings name no language for the shop, and its defaults are French.
 */
export const stockLow = defineEmail<typeof StockLow>({
  template: 'stock-low',
  recipient: (_data, context) => ({ to: context.shopEmail, locale: 'fr' }),
  compose: ({ sku, name, available, reorderPoint }, locale) => {
    const w = words[locale];
    return {
      subject: w.subject(name, sku, available),
      heading: w.heading,
      blocks: [
        { kind: 'paragraph', text: w.low(name, available, reorderPoint) },
        {
          kind: 'rows',
          rows: [
            { label: 'SKU', value: sku },
            { label: w.available, value: String(available) },
            { label: w.reorderPoint, value: String(reorderPoint) },
          ],
        },
        { kind: 'paragraph', text: w.restock(sku) },
      ],
    };
  },
});

import { localeOf } from '#kernel/customer';
import type { Cart } from '../domain/cart';
import { priceCart, type StoreSettings } from '#pricing/domain/index';

/** The cart as the API shows it, priced by the server from the prices the lines hold. */
export const cartView = (cart: Cart, settings: StoreSettings, now: Date) => {
  const priced = priceCart(
    {
      currency: cart.currency,
      lines: cart.lines,
      customer: cart.customer,
      promotions: cart.promotions,
      now,
    },
    settings,
  );
  return {
    id: cart.id,
    currency: cart.currency,
    items: priced.lines.map(({ sku, name, quantity, unitPrice, lineTotal }) => ({ sku, name, quantity, unitPrice, lineTotal })),
    customer: cart.customer && { ...cart.customer, locale: localeOf(cart.customer) },
    // The codes the totals apply, as the order will list them: one entered that has ended since, or
    // whose minimum the subtotal no longer reaches, is not shown as if it still took something off.
    promotions: priced.appliedPromotions,
    totals: priced.totals,
    pricesIncludeTax: settings.pricesIncludeTax,
    updatedAt: cart.updatedAt,
  };
};

export type CartView = ReturnType<typeof cartView>;

import type { Customer } from '#kernel/customer';
import { UnprocessableError, type FieldError } from '#kernel/errors';
import type { Currency, Money } from '#kernel/money';
import type { PricedCart, PricingLine } from '#pricing/domain/price-cart';
import type { Order } from './order';

/** What ordering needs of a cart: the cart context's `Cart` has this shape. */
export interface CheckoutCart {
  id: string;
  currency: Currency;
  lines: readonly PricingLine[];
  customer: Customer | null;
  customerId?: string;
  updatedAt: string;
}

const hasPhysicalGoods = (cart: Pick<CheckoutCart, 'lines'>): boolean => cart.lines.some((l) => l.type === 'physical');

export interface CheckoutTerms {
  acceptTerms?: boolean;
  termsVersion?: string;
  digitalWithdrawalWaiver?: boolean;
}

const hasDigitalGoods = (cart: Pick<CheckoutCart, 'lines'>): boolean => cart.lines.some((l) => l.type === 'digital');

/**
 * What must hold before a cart becomes an order: the terms of sale accepted (French consumer law
 * wants the acceptance on record, with the version), someone to bill, somewhere to ship physical
 * goods, something to buy, and the shop's currency (a cart opened before the shop changed it
 * would be charged its shipping and promotions as if they were in the cart's). All problems are
 * reported at once.
 */
export const assertCheckoutAllowed = (cart: CheckoutCart, terms: CheckoutTerms, shop: { termsVersion: string; currency: Currency }): void => {
  const errors: FieldError[] = [];
  if (terms.acceptTerms !== true) errors.push({ path: 'acceptTerms', message: 'must be true: the terms of sale must be accepted' });
  if (!terms.termsVersion) errors.push({ path: 'termsVersion', message: 'is required' });
  else if (terms.termsVersion !== shop.termsVersion) {
    errors.push({ path: 'termsVersion', message: `must be the current version, ${shop.termsVersion}` });
  }
  if (cart.currency !== shop.currency) {
    errors.push({ path: 'currency', message: `is ${cart.currency}, and the shop sells in ${shop.currency} only: open a new cart` });
  }
  if (hasDigitalGoods(cart) && terms.digitalWithdrawalWaiver !== true) {
    errors.push({
      path: 'digitalWithdrawalWaiver',
      message: 'must be true for digital goods: the buyer asks for immediate delivery and acknowledges losing the 14-day withdrawal right for them',
    });
  }
  if (cart.lines.length === 0) errors.push({ path: 'items', message: 'the cart is empty' });
  if (!cart.customer?.email) errors.push({ path: 'customer.email', message: 'is required: set it with PUT /carts/{cartId}/customer' });
  if (hasPhysicalGoods(cart) && !cart.customer?.shippingAddress) {
    errors.push({ path: 'customer.shippingAddress', message: 'is required for physical goods' });
  }
  if (errors.length > 0) {
    throw new UnprocessableError(`The cart cannot be checked out: ${errors.map((e) => `${e.path} ${e.message}`).join('; ')}.`, errors);
  }
};

/**
 * The least a card payment can take, by currency (Stripe's minimum charge amounts): an order
 * priced under it (a 100 % promotion, say) could never be paid, so it is not placed.
 */
export const MINIMUM_CHARGE: Record<Currency, number> = { EUR: 50, USD: 50, GBP: 30 };

/**
 * The most one payment can take, in minor units: Stripe's limit (eight digits) for the currencies
 * we sell in. A larger order would be refused by Stripe after its stock was counted out.
 */
export const MAXIMUM_CHARGE = 99_999_999;

/** 422 naming `totals.total` when the order's total is outside what a card payment can take. */
export const assertPayable = (total: Money): void => {
  const minimum = MINIMUM_CHARGE[total.currency];
  if (total.amount < minimum) {
    throw new UnprocessableError(`The order's total, ${total.amount} minor units, is under the least a card payment can take (${minimum} ${total.currency} minor units).`, [
      { path: 'totals.total', message: `must be at least ${minimum}` },
    ]);
  }
  if (total.amount > MAXIMUM_CHARGE) {
    throw new UnprocessableError(`The order's total, ${total.amount} minor units, is over the most one card payment can take (${MAXIMUM_CHARGE} ${total.currency} minor units): split it into several orders.`, [
      { path: 'totals.total', message: `must be at most ${MAXIMUM_CHARGE}` },
    ]);
  }
};

/** How often unpaid orders past their deadline are cancelled (the expiry schedule's rate). */
export const UNPAID_ORDERS_EXPIRED_EVERY_MINUTES = 1;

/** The latest an unpaid order ends: its deadline, and the expiry run after it. */
export const unpaidOrderEndsBy = (order: { paymentDueAt: string }): Date =>
  new Date(Date.parse(order.paymentDueAt) + UNPAID_ORDERS_EXPIRED_EVERY_MINUTES * 60_000);

export interface NewOrder {
  id: string;
  /** Its number in the year's series (`formatOrderNumber`). */
  number: string;
  cart: CheckoutCart;
  priced: PricedCart;
  pricesIncludeTax: boolean;
  termsVersion: string;
  paymentIntentId: string;
  paymentTimeoutMinutes: number;
  now: Date;
}

/** The order a checked-out cart becomes, `pending_payment` until Stripe says the money is there. */
export const buildOrder = (input: NewOrder): Order => {
  const { cart, priced, now } = input;
  const createdAt = now.toISOString();
  const customer = cart.customer;
  if (!customer) throw new UnprocessableError('The cart has no customer.');
  return {
    id: input.id,
    number: input.number,
    status: 'pending_payment',
    currency: cart.currency,
    items: priced.lines.map((line) => {
      const source = cart.lines.find((l) => l.sku === line.sku);
      if (!source) throw new Error(`priced line ${line.sku} is not in the cart`);
      return { ...source, lineTotal: line.lineTotal, discount: line.discount, taxRate: line.taxRate, tax: line.tax };
    }),
    customer: { ...customer, locale: customer.locale ?? 'fr', billingAddress: customer.billingAddress ?? customer.shippingAddress },
    ...(cart.customerId && { customerId: cart.customerId }),
    promotions: priced.appliedPromotions,
    totals: priced.totals,
    taxBreakdown: priced.taxBreakdown,
    pricesIncludeTax: input.pricesIncludeTax,
    termsAcceptedAt: createdAt,
    termsVersion: input.termsVersion,
    ...(hasDigitalGoods(cart) && { digitalWithdrawalWaiverAt: createdAt }),
    payment: { provider: 'stripe', paymentIntentId: input.paymentIntentId, status: 'requires_payment_method' },
    invoiceNumber: null,
    cartId: cart.id,
    paymentDueAt: new Date(now.getTime() + input.paymentTimeoutMinutes * 60_000).toISOString(),
    createdAt,
    updatedAt: createdAt,
  };
};

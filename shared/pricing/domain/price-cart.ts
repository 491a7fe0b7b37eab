import type { Currency, Money } from '#kernel/money';
import { checkPromotion, discountOf, spread, type Promotion } from './promotion';
import { shippingByRate, shippingCost } from './shipping';
import type { StoreSettings } from './store-settings';
import { placeOfSupply, taxCountryOf, taxIncluded, taxOnTop, vatRate, type CustomerPlaces, type TaxCategory } from './tax';

/** Physical goods are shipped and stocked; digital goods are neither. */
export type ProductType = 'physical' | 'digital';

export interface PricingLine {
  sku: string;
  name: string;
  type: ProductType;
  taxCategory: TaxCategory;
  unitPrice: Money;
  quantity: number;
}

export interface PricingInput {
  currency: Currency;
  lines: readonly PricingLine[];
  /** Who buys, as far as known yet: their addresses decide where each line is taxed and where the goods ship. */
  customer?: CustomerPlaces | null;
  /** Candidates: the ones that do not apply now (dates, redemptions, minimum) are left out. */
  promotions: readonly Promotion[];
  now: Date;
}

export interface PricedLine {
  sku: string;
  name: string;
  quantity: number;
  unitPrice: Money;
  /** unitPrice × quantity, as shelved (tax-inclusive or not, per the store settings). */
  lineTotal: Money;
  /** This line's share of the cart's discount. */
  discount: Money;
  /** Basis points. */
  taxRate: number;
  tax: Money;
}

export interface PricedCart {
  lines: PricedLine[];
  totals: { subtotal: Money; discount: Money; shipping: Money; tax: Money; total: Money };
  /** The shipping per VAT rate (the rates of the goods it delivers), as shelved, and its tax. */
  shippingByRate: { rate: number; amount: Money; tax: Money }[];
  /** VAT per rate (French invoices state it): the base without tax and the tax, per rate. */
  taxBreakdown: { rate: number; base: Money; tax: Money }[];
  appliedPromotions: string[];
}

/**
 * Prices a cart: lines, promotions, shipping and VAT, all in integer minor units (rounding
 * rule in tax.ts). Each line bears the VAT of its place of supply: physical goods that of the
 * territory they ship to, digital ones that of the customer's (`placeOfSupply`: the country, or
 * the territory outside the EU's VAT area its postcode names). Shipping bears the VAT of the goods
 * it delivers (see `shippingByRate`), and its zone is that of the goods' destination.
 * With tax-inclusive prices, total = subtotal − discount + shipping and the tax shown is the
 * VAT inside it; with tax-exclusive prices, the tax is added on top.
 */
const inStackingOrder = (promotions: readonly Promotion[]) =>
  [...promotions].sort((a, b) => (a.kind === b.kind ? (a.code < b.code ? -1 : a.code > b.code ? 1 : 0) : a.kind === 'percent' ? -1 : 1));

/** What each line gives a promotion to take from: its amount, none for a gift card (`zero`). */
const discountableAmounts = (lines: readonly PricingLine[]): number[] => lines.map((l) => (l.taxCategory === 'zero' ? 0 : l.unitPrice.amount * l.quantity));

/** The subtotal promotions apply to, and whose minimum they ask: the lines' amounts but gift cards'. */
export const promotableSubtotal = (currency: Currency, lines: readonly PricingLine[]): Money => ({
  amount: discountableAmounts(lines).reduce((a, b) => a + b, 0),
  currency,
});

export const priceCart = (input: PricingInput, settings: StoreSettings): PricedCart => {
  const { currency } = input;
  const m = (amount: number): Money => ({ amount, currency });
  for (const line of input.lines) {
    if (line.unitPrice.currency !== currency) throw new RangeError(`${line.sku} is priced in ${line.unitPrice.currency}, not ${currency}`);
  }
  const amounts = input.lines.map((l) => l.unitPrice.amount * l.quantity);
  const subtotal = amounts.reduce((a, b) => a + b, 0);

  // Promotions apply one after the other, each on what the previous ones left: percentages first,
  // then fixed amounts, each kind by code, so that the total never depends on the order in which
  // the codes were entered. Never to gift cards (`zero`: multi-purpose vouchers): a €50 card is
  // sold for €50, its value is spent when it is redeemed (art. 256 ter du CGI), and buying one
  // reaches no promotion's minimum.
  const discountable = discountableAmounts(input.lines);
  const promotable = discountable.reduce((a, b) => a + b, 0);
  let remaining = promotable;
  const applied: string[] = [];
  for (const promotion of inStackingOrder(input.promotions)) {
    if (!checkPromotion(promotion, { subtotal: m(promotable), now: input.now }).ok || remaining === 0) continue;
    remaining -= discountOf(promotion, remaining);
    applied.push(promotion.code);
  }
  const discount = promotable - remaining;
  const discounts = spread(discount, discountable);
  const afterDiscount = subtotal - discount;

  const suppliedIn = {
    physical: placeOfSupply('goods', input.customer, settings.originCountry),
    digital: placeOfSupply('digital', input.customer, settings.originCountry),
  };
  const taxOf = (amount: number, rate: number) => (settings.pricesIncludeTax ? taxIncluded(amount, rate) : taxOnTop(amount, rate));
  const lines: PricedLine[] = input.lines.map((line, i) => {
    const rate = vatRate(taxCountryOf(suppliedIn[line.type], settings), line.taxCategory);
    const taxable = (amounts[i] ?? 0) - (discounts[i] ?? 0);
    return {
      sku: line.sku,
      name: line.name,
      quantity: line.quantity,
      unitPrice: line.unitPrice,
      lineTotal: m(amounts[i] ?? 0),
      discount: m(discounts[i] ?? 0),
      taxRate: rate,
      tax: m(taxOf(taxable, rate)),
    };
  });

  const shipping = shippingCost(
    { hasPhysicalGoods: input.lines.some((l) => l.type === 'physical'), goodsAfterDiscount: afterDiscount, destination: suppliedIn.physical },
    settings,
  );
  const goods = lines.flatMap((l, i) => (input.lines[i]?.type === 'physical' ? [{ rate: l.taxRate, amount: l.lineTotal.amount - l.discount.amount }] : []));
  const shippingParts = shippingByRate(shipping, goods).map(({ rate, amount }) => ({ rate, amount: m(amount), tax: m(taxOf(amount, rate)) }));

  const breakdown = new Map<number, { base: number; tax: number }>();
  const addToBreakdown = (rate: number, amount: number, tax: number) => {
    const entry = breakdown.get(rate) ?? { base: 0, tax: 0 };
    entry.base += settings.pricesIncludeTax ? amount - tax : amount;
    entry.tax += tax;
    breakdown.set(rate, entry);
  };
  lines.forEach((l) => addToBreakdown(l.taxRate, l.lineTotal.amount - l.discount.amount, l.tax.amount));
  shippingParts.forEach((p) => addToBreakdown(p.rate, p.amount.amount, p.tax.amount));

  const tax = [...lines, ...shippingParts].reduce((s, l) => s + l.tax.amount, 0);
  const total = afterDiscount + shipping + (settings.pricesIncludeTax ? 0 : tax);
  return {
    lines,
    totals: { subtotal: m(subtotal), discount: m(discount), shipping: m(shipping), tax: m(tax), total: m(total) },
    shippingByRate: shippingParts,
    // A rate whose lines a discount took down to nothing, and that delivers nothing, has no row: an
    // invoice does not state "7 %: 0.00 on 0.00".
    taxBreakdown: [...breakdown.entries()]
      .filter(([, v]) => v.base !== 0 || v.tax !== 0)
      .sort(([a], [b]) => b - a)
      .map(([rate, v]) => ({ rate, base: m(v.base), tax: m(v.tax) })),
    appliedPromotions: applied,
  };
};

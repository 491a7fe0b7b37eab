import { divideRounded, type Money } from '#kernel/money';
import { spread, taxIncluded } from '#pricing/domain/index';
import type { OrderRefund, RefundLine, RefundPart, ShippingRefund } from '#ordering/domain/after-sales';
import type { Order, OrderLine } from '#ordering/domain/order';
import { taxBreakdownOf } from '#ordering/domain/tax-breakdown';

/**
 * How much of an order a refund gives back, to the cent. A line's units are refunded at their
 * share of what the customer paid for the line: its price, less its share of any discount, with
 * its VAT. Shares are cumulative (the amount for units 1..n is the line total × n / quantity,
 * rounded), so partial refunds of a line always add up to exactly what the line cost; VAT is
 * never counted twice on a discounted line (2 × 100, 10 % VAT, 20 off → 198 paid, 99 a unit).
 */

/** Refunds that hold money: pending ones are reserved, succeeded ones are gone. Failed ones give it back. */
export const holdingMoney = (refunds: readonly OrderRefund[] = []): OrderRefund[] => refunds.filter((r) => r.status !== 'failed');

/** What the customer paid for a line, VAT included, after its discount. */
export const paidForLine = (order: Pick<Order, 'pricesIncludeTax'>, line: OrderLine): number => {
  const net = line.lineTotal.amount - line.discount.amount;
  return order.pricesIncludeTax ? net : net + line.tax.amount;
};

/** What the customer paid in all (captured by Stripe). */
export const captured = (order: Pick<Order, 'totals'>): Money => order.totals.total;

/** What is left to refund: captured, less every refund pending or succeeded. */
export const refundable = (order: Pick<Order, 'totals' | 'refunds'>): Money => ({
  ...order.totals.total,
  amount: order.totals.total.amount - holdingMoney(order.refunds).reduce((n, r) => n + r.amount.amount, 0),
});

const refundedOf = (order: Pick<Order, 'refunds'>, sku: string) => {
  const lines = holdingMoney(order.refunds).flatMap((r) => r.lines.filter((l) => l.sku === sku));
  return { units: lines.reduce((n, l) => n + l.quantity, 0), amount: lines.reduce((n, l) => n + l.amount.amount, 0), vat: lines.reduce((n, l) => n + l.vat.amount, 0) };
};

/** Units of a product already refunded (or being refunded). */
export const refundedUnits = (order: Pick<Order, 'refunds'>, sku: string): number => refundedOf(order, sku).units;

/** The refund of `quantity` more units of one line: its cumulative share, less what was refunded of it before. */
export const refundLineFor = (order: Pick<Order, 'pricesIncludeTax' | 'items' | 'refunds'>, sku: string, quantity: number): RefundLine => {
  const line = order.items.find((l) => l.sku === sku);
  if (!line) throw new Error(`${sku} is not a line of this order`);
  const before = refundedOf(order, sku);
  const units = Math.min(line.quantity, before.units + quantity);
  const share = (total: number) => divideRounded(total * units, line.quantity);
  return {
    sku,
    quantity,
    amount: { amount: share(paidForLine(order, line)) - before.amount, currency: line.lineTotal.currency },
    vat: { amount: share(line.tax.amount) - before.vat, currency: line.tax.currency },
    vatRate: line.taxRate,
  };
};

/**
 * What the customer paid for delivery per VAT rate, VAT included: what each rate of the order's
 * VAT breakdown holds beyond its lines. So the delivery is given back at the rates it was
 * invoiced at: the rates of its goods, or for an order placed before delivery followed them, the
 * one standard rate it bore then.
 */
const paidForShipping = (order: Pick<Order, 'totals' | 'items' | 'taxBreakdown' | 'pricesIncludeTax'>): RefundPart[] => {
  if (order.totals.shipping.amount === 0) return [];
  return taxBreakdownOf(order)
    .map(({ rate, shipping }) => ({ amount: { ...shipping.base, amount: shipping.base.amount + shipping.tax.amount }, vat: shipping.tax, vatRate: rate }))
    .filter((part) => part.amount.amount > 0);
};

const sum = (parts: readonly RefundPart[], of: 'amount' | 'vat'): number => parts.reduce((n, p) => n + p[of].amount, 0);

/** A refunded delivery cost per VAT rate; one stored before `byRate` existed had one rate. */
export const shippingParts = (shipping: ShippingRefund): RefundPart[] =>
  shipping.byRate ?? [{ amount: shipping.amount, vat: shipping.vat, vatRate: shipping.vatRate ?? 0 }];

/**
 * The delivery cost still to give back, per VAT rate: once the customer gives everything back (a
 * withdrawal, goods that did not conform) the law requires the standard delivery to be refunded
 * too (Directive 2011/83/EU art. 13, 2019/771 art. 16). Zero once refunded.
 */
export const shippingRefundFor = (order: Pick<Order, 'totals' | 'items' | 'taxBreakdown' | 'refunds' | 'pricesIncludeTax'>): ShippingRefund => {
  const refunded = holdingMoney(order.refunds).flatMap((r) => (r.shipping ? shippingParts(r.shipping) : []));
  const byRate = paidForShipping(order)
    .map((paid) => {
      const given = refunded.filter((r) => r.vatRate === paid.vatRate);
      return { ...paid, amount: { ...paid.amount, amount: paid.amount.amount - sum(given, 'amount') }, vat: { ...paid.vat, amount: paid.vat.amount - sum(given, 'vat') } };
    })
    .filter((part) => part.amount.amount > 0);
  const currency = order.totals.shipping.currency;
  return { amount: { amount: sum(byRate, 'amount'), currency }, vat: { amount: sum(byRate, 'vat'), currency }, byRate };
};

/** What is left to credit at one VAT rate: the amount, VAT included, and the VAT in it. */
interface RateLeft {
  rate: number;
  amount: number;
  vat: number;
}

/** What is left to credit at each VAT rate of the invoice: its amount and VAT, less every refund holding money (lines and delivery). */
const leftByRate = (order: Pick<Order, 'taxBreakdown' | 'refunds'>): RateLeft[] => {
  const credited = holdingMoney(order.refunds).flatMap((r) => [...r.lines, ...(r.shipping ? shippingParts(r.shipping) : [])]);
  return order.taxBreakdown
    .map((t) => {
      const at = credited.filter((p) => p.vatRate === t.rate);
      return { rate: t.rate, amount: t.base.amount + t.tax.amount - sum(at, 'amount'), vat: t.tax.amount - sum(at, 'vat') };
    })
    .filter((left) => left.amount > 0);
};

/** The invoice's own amounts per rate: the weights of an order whose refunds left nothing by rate while money is left (a breakdown that did not add up). */
const invoicedByRate = (order: Pick<Order, 'taxBreakdown'>): RateLeft[] =>
  order.taxBreakdown.map((t) => ({ rate: t.rate, amount: t.base.amount + t.tax.amount, vat: t.tax.amount })).filter((t) => t.amount > 0);

/**
 * An amount split over rates in proportion to what is left at each, by cumulative rounding so the
 * parts add up to it; a rate given back in full gives back the VAT left at it, to the cent.
 */
const splitOver = (buckets: readonly RateLeft[], amount: Money): RefundLine[] => {
  const total = buckets.reduce((n, b) => n + b.amount, 0);
  if (buckets.length === 0 || total === 0) return [{ sku: '', quantity: 0, amount, vat: { ...amount, amount: 0 }, vatRate: 0 }];
  let weighed = 0;
  let given = 0;
  return buckets
    .map((b, i) => {
      weighed += b.amount;
      const part = i === buckets.length - 1 ? amount.amount - given : divideRounded(amount.amount * weighed, total) - given;
      given += part;
      const vat = part === b.amount ? b.vat : Math.max(0, Math.min(b.vat, taxIncluded(part, b.rate)));
      return { sku: '', quantity: 0, amount: { ...amount, amount: part }, vat: { ...amount, amount: vat }, vatRate: b.rate };
    })
    // A rate whose share rounds to nothing (1 cent over two rates) is no part of the refund: the
    // credit note would state a line of 0,00 €. The parts left still add up to the amount.
    .filter((part) => part.amount.amount > 0);
};

/**
 * An amount refunded without lines (goodwill, a correction, "the rest"): split across the VAT
 * rates in proportion to what is left to credit at each (the invoice's amounts, less the refunds
 * before), so the credit note states VAT per rate, and the credit notes of an order refunded in
 * full cancel exactly the VAT its invoice stated at each rate.
 */
export const apportion = (order: Pick<Order, 'taxBreakdown' | 'refunds'>, amount: Money): RefundLine[] => {
  const left = leftByRate(order);
  return splitOver(left.length > 0 ? left : invoicedByRate(order), amount);
};

/**
 * The lines and delivery of a refund of `amount`, held within what is left to credit at each VAT
 * rate. A line is refunded at its share of what was paid for it (`refundLineFor`), but a refund
 * without lines before (a goodwill amount) credited every rate already: the goods returned can
 * then be worth more than is left at their rate, or than is left at all (the refund is then what
 * is left, `reserveRefund`). At each rate they keep what is left there, the shortfall spread over
 * them in proportion to their value (largest remainder, to the cent), so that the credit note
 * still states the goods a return refunds, each at what is really credited for it. What the
 * refund holds beyond (goods held back at a rate while something is left at another) is credited
 * at the rates where something is left (`apportion`), so no rate is credited beyond its invoice
 * and an order refunded in full cancels each rate exactly; each line's units are unchanged.
 */
export const withinWhatIsLeft = (
  order: Pick<Order, 'totals' | 'taxBreakdown' | 'refunds'>,
  lines: readonly RefundLine[],
  shipping: ShippingRefund | undefined,
  amount: Money,
): { lines: RefundLine[]; shipping?: ShippingRefund } => {
  const byRate = leftByRate(order);
  const parts: RefundPart[] = [...lines, ...(shipping ? shippingParts(shipping) : [])];
  // Nothing left by rate while money is: an order whose breakdown does not add up; its lines as asked, or a sum.
  if (byRate.length === 0) return sum(parts, 'amount') === amount.amount ? { lines: [...lines], ...(shipping && { shipping }) } : { lines: apportion(order, amount) };
  const left = new Map(byRate.map((l) => [l.rate, l] as const));
  const held = [...parts];
  for (const rate of new Set(parts.map((p) => p.vatRate))) {
    const at = parts.flatMap((p, i) => (p.vatRate === rate ? [i] : []));
    const room = left.get(rate) ?? { rate, amount: 0, vat: 0 };
    const asked = at.map((i) => parts[i]!.amount.amount);
    const worth = asked.reduce((n, a) => n + a, 0);
    const vatAsked = at.reduce((n, i) => n + parts[i]!.vat.amount, 0);
    const amountHeld = Math.min(worth, room.amount);
    // What empties a rate takes the VAT left at it, to the cent.
    const vatHeld = amountHeld === room.amount ? room.vat : Math.min(vatAsked, room.vat);
    const shortfall = spread(worth - amountHeld, asked);
    const amounts = asked.map((a, k) => a - shortfall[k]!);
    const vats = vatHeld === vatAsked ? at.map((i) => parts[i]!.vat.amount) : spread(vatHeld, amounts);
    at.forEach((i, k) => {
      const part = parts[i]!;
      held[i] = { ...part, amount: { ...part.amount, amount: amounts[k]! }, vat: { ...part.vat, amount: vats[k]! } };
    });
    left.set(rate, { rate, amount: room.amount - amountHeld, vat: room.vat - vatHeld });
  }
  const heldLines = held.slice(0, lines.length).map((part, i) => ({ ...lines[i]!, amount: part.amount, vat: part.vat }));
  const heldShipping = held.slice(lines.length).filter((p) => p.amount.amount > 0);
  const currency = order.totals.total.currency;
  const delivery: ShippingRefund | undefined =
    heldShipping.length > 0 ? { amount: { amount: sum(heldShipping, 'amount'), currency }, vat: { amount: sum(heldShipping, 'vat'), currency }, byRate: heldShipping } : undefined;
  const beyond = amount.amount - sum(held, 'amount');
  // Held above the amount: rates that left more than the money left (a breakdown that does not add up); a sum.
  if (beyond < 0) return { lines: apportion(order, amount) };
  if (beyond === 0) return { lines: heldLines, ...(delivery && { shipping: delivery }) };
  const rest = [...left.values()].filter((l) => l.amount > 0);
  const extra = splitOver(rest.length > 0 ? rest : invoicedByRate(order), { amount: beyond, currency });
  return { lines: [...heldLines, ...extra], ...(delivery && { shipping: delivery }) };
};

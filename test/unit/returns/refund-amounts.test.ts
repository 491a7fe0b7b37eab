import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { OrderRefund, RefundLine } from '#ordering/domain/after-sales';
import type { Order, OrderLine } from '#ordering/domain/order';
import { apportion, paidForLine, refundable, refundLineFor } from '#returns/domain/refund-amounts';
import { reserveRefund, statusAfterRefunds } from '#returns/domain/refunds';
import { aPendingOrder } from '../../fixtures/orders';

const eur = (amount: number) => ({ amount, currency: 'EUR' as const });
const line = (sku: string, quantity: number, unit: number, discount: number, taxRate: number, tax: number): OrderLine => ({
  sku,
  name: sku,
  type: 'physical',
  taxCategory: 'standard',
  unitPrice: eur(unit),
  quantity,
  lineTotal: eur(unit * quantity),
  discount: eur(discount),
  taxRate,
  tax: eur(tax),
});
const refundOf = (id: string, lines: RefundLine[], status: OrderRefund['status'] = 'succeeded'): OrderRefund => ({
  id,
  amount: eur(lines.reduce((n, l) => n + l.amount.amount, 0)),
  reason: 'return',
  status,
  createdAt: '2026-11-30T10:00:00.000Z',
  lines,
});

/** 2 × 100.00 excluding tax, 10 % VAT, 20.00 off: 180.00 + 18.00 VAT = 198.00 paid. */
const discountedTaxExclusive = (): Order =>
  aPendingOrder('order-000002', {
    status: 'delivered',
    paidAt: '2026-11-20T10:00:00.000Z',
    invoiceNumber: 'F2026-000002',
    pricesIncludeTax: false,
    items: [line('KETTLE', 2, 10_000, 2_000, 1000, 1_800)],
    totals: { subtotal: eur(20_000), discount: eur(2_000), shipping: eur(0), tax: eur(1_800), total: eur(19_800) },
    taxBreakdown: [{ rate: 1000, base: eur(18_000), tax: eur(1_800) }],
  });

describe('what a refund gives back', () => {
  it('a unit of a discounted, tax-exclusive line: 99.00, not 97.90 (VAT counted once, after the discount)', () => {
    const order = discountedTaxExclusive();
    expect(paidForLine(order, order.items[0]!)).toBe(19_800);
    expect(refundLineFor(order, 'KETTLE', 1)).toMatchObject({ amount: eur(9_900), vat: eur(900), vatRate: 1000 });
  });

  it('partial returns then the final refund add up to the order total to the cent', () => {
    const order = discountedTaxExclusive();
    const first = refundLineFor(order, 'KETTLE', 1);
    const after = { ...order, refunds: [refundOf('r1', [first])] };
    const rest = reserveRefund(after, { id: 'r2', reason: 'the rest' }, new Date('2026-11-30T11:00:00.000Z'));
    expect(first.amount.amount + rest.amount.amount).toBe(order.totals.total.amount);
    expect(refundable({ ...after, refunds: [...after.refunds, rest] }).amount).toBe(0);
  });

  it('any split of a line into partial refunds adds up to what the line cost, VAT too', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 20 }), fc.integer({ min: 1, max: 99_999 }), fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 2_000 }), fc.boolean(), fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 1, maxLength: 20 }), (quantity, unit, discountPercent, taxRate, included, splits) => {
        const gross = unit * quantity;
        const discount = Math.floor((gross * discountPercent) / 100);
        const tax = included ? Math.round(((gross - discount) * taxRate) / (10_000 + taxRate)) : Math.round(((gross - discount) * taxRate) / 10_000);
        let order: Order = { ...discountedTaxExclusive(), pricesIncludeTax: included, items: [line('X', quantity, unit, discount, taxRate, tax)], refunds: [] };
        let left = quantity;
        for (const [i, split] of splits.entries()) {
          if (left === 0) break;
          const units = i === splits.length - 1 ? left : Math.min(split, left);
          const refunded = refundLineFor(order, 'X', units);
          expect(refunded.amount.amount).toBeGreaterThanOrEqual(0);
          order = { ...order, refunds: [...(order.refunds ?? []), refundOf(`r${i}`, [refunded])] };
          left -= units;
        }
        if (left > 0) order = { ...order, refunds: [...(order.refunds ?? []), refundOf('last', [refundLineFor(order, 'X', left)])] };
        const lines = (order.refunds ?? []).flatMap((r) => r.lines);
        expect(lines.reduce((n, l) => n + l.amount.amount, 0)).toBe(paidForLine(order, order.items[0]!));
        expect(lines.reduce((n, l) => n + l.vat.amount, 0)).toBe(tax);
      }),
    );
  });

  it('a goodwill amount is split across VAT rates and adds up to itself', () => {
    const order = aPendingOrder('order-000003', {
      totals: { subtotal: eur(3_000), discount: eur(0), shipping: eur(0), tax: eur(433), total: eur(3_000) },
      taxBreakdown: [
        { rate: 550, base: eur(948), tax: eur(52) },
        { rate: 2000, base: eur(1_617), tax: eur(383) },
      ],
    });
    const parts = apportion(order, eur(1_001));
    expect(parts.map((p) => p.vatRate)).toEqual([550, 2000]);
    expect(parts.reduce((n, p) => n + p.amount.amount, 0)).toBe(1_001);
  });
});

describe('a goodwill amount too small to reach every rate', () => {
  const order = aPendingOrder('order-000005', {
    totals: { subtotal: eur(114_290), discount: eur(0), shipping: eur(590), tax: eur(18_782), total: eur(114_880) },
    taxBreakdown: [
      { rate: 2000, base: eur(93_084), tax: eur(18_616) },
      { rate: 550, base: eur(3_014), tax: eur(166) },
    ],
  });

  it('1 cent: one part, at the rate its share rounds to, and none of 0 at the other', () => {
    expect(apportion(order, eur(1))).toEqual([{ sku: '', quantity: 0, amount: eur(1), vat: eur(0), vatRate: 2000 }]);
  });

  it('any amount: no part of 0, and the parts add up to it', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 114_880 }), (amount) => {
        const parts = apportion(order, eur(amount));
        expect(parts.every((p) => p.amount.amount > 0)).toBe(true);
        expect(parts.reduce((n, p) => n + p.amount.amount, 0)).toBe(amount);
      }),
    );
  });
});

describe('reserving a refund', () => {
  const now = new Date('2026-11-30T12:00:00.000Z');

  it('refuses more than what is left, counting pending refunds, naming amount', () => {
    const order = { ...discountedTaxExclusive(), refunds: [refundOf('r1', [refundLineFor(discountedTaxExclusive(), 'KETTLE', 1)], 'pending')] };
    expect(() => reserveRefund(order, { id: 'r2', reason: 'x', amount: eur(9_901) }, now)).toThrow(expect.objectContaining({ errors: [expect.objectContaining({ path: 'amount' })] }));
    expect(reserveRefund(order, { id: 'r2', reason: 'x', amount: eur(9_900) }, now).amount).toEqual(eur(9_900));
  });

  it('a failed refund makes its amount refundable again', () => {
    const order = { ...discountedTaxExclusive(), refunds: [refundOf('r1', apportion(discountedTaxExclusive(), eur(19_800)), 'failed')] };
    expect(refundable(order)).toEqual(eur(19_800));
  });

  it('refuses an unpaid order', () => {
    expect(() => reserveRefund(aPendingOrder('order-000004'), { id: 'r', reason: 'x' }, now)).toThrow(/only a paid order/);
  });

  it('the order is partially refunded, then refunded once everything came back', () => {
    const order = discountedTaxExclusive();
    const half = refundOf('r1', [refundLineFor(order, 'KETTLE', 1)]);
    expect(statusAfterRefunds(order, [half])).toBe('partially_refunded');
    const rest = refundOf('r2', [refundLineFor({ ...order, refunds: [half] }, 'KETTLE', 1)]);
    expect(statusAfterRefunds(order, [half, rest])).toBe('refunded');
  });
});

describe('the credit notes of an order refunded in full, a return then the rest', () => {
  /** 10.99 at 10 % and 19.99 at 20 %, tax included, 4.90 of delivery split 174 / 316 over them. */
  const order = (): Order =>
    aPendingOrder('order-000027', {
      status: 'delivered',
      paidAt: '2026-11-20T10:00:00.000Z',
      invoiceNumber: 'F2026-000027',
      items: [line('INT', 1, 1_099, 0, 1000, 100), line('STD', 1, 1_999, 0, 2000, 333)],
      totals: { subtotal: eur(3_098), discount: eur(0), shipping: eur(490), tax: eur(502), total: eur(3_588) },
      taxBreakdown: [
        { rate: 2000, base: eur(1_929), tax: eur(386) },
        { rate: 1000, base: eur(1_157), tax: eur(116) },
      ],
    });
  const vatAt = (refunds: readonly OrderRefund[], rate: number) =>
    refunds.flatMap((r) => r.lines).filter((l) => l.vatRate === rate).reduce((n, l) => n + l.vat.amount, 0);

  it('the rest is what is left at each rate: the two together give back the VAT the invoice stated at each, to the cent', () => {
    const returned = refundOf('r1', [refundLineFor(order(), 'INT', 1)]);
    const rest = refundOf('r2', apportion({ ...order(), refunds: [returned] }, eur(3_588 - 1_099)));
    expect(rest.lines.map((l) => [l.vatRate, l.amount.amount, l.vat.amount])).toEqual([
      [2000, 2_315, 386],
      [1000, 174, 16],
    ]);
    expect([vatAt([returned, rest], 2000), vatAt([returned, rest], 1000)]).toEqual([386, 116]);
  });

  it('any run of amounts without lines that ends the order: each rate gets back exactly its amount and its VAT', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 1_200 }), { maxLength: 6 }), (amounts) => {
        const refunds: OrderRefund[] = [];
        for (const amount of amounts) {
          const left = refundable({ ...order(), refunds });
          if (left.amount === 0) break;
          refunds.push(refundOf(`r${refunds.length}`, apportion({ ...order(), refunds }, eur(Math.min(amount, left.amount)))));
        }
        const left = refundable({ ...order(), refunds });
        if (left.amount > 0) refunds.push(refundOf('rest', apportion({ ...order(), refunds }, left)));
        for (const t of order().taxBreakdown) {
          const at = refunds.flatMap((r) => r.lines).filter((l) => l.vatRate === t.rate);
          expect([at.reduce((n, l) => n + l.amount.amount, 0), at.reduce((n, l) => n + l.vat.amount, 0)]).toEqual([t.base.amount + t.tax.amount, t.tax.amount]);
        }
      }),
    );
  });
});

describe('a goodwill amount, then a return, then the rest', () => {
  /** 19.99 at 20 %, 2 × 2.99 at 5.5 %, 7.77 at 2.1 %, tax included; 4.90 of delivery split 290 / 87 / 113. */
  const order = (): Order =>
    aPendingOrder('order-000012', {
      status: 'delivered',
      paidAt: '2026-11-20T10:00:00.000Z',
      invoiceNumber: 'F2026-000012',
      items: [line('STD', 1, 1_999, 0, 2000, 333), line('RED', 2, 299, 0, 550, 31), line('SUP', 1, 777, 0, 210, 16)],
      totals: { subtotal: eur(3_374), discount: eur(0), shipping: eur(490), tax: eur(435), total: eur(3_864) },
      taxBreakdown: [
        { rate: 2000, base: eur(1_908), tax: eur(381) },
        { rate: 550, base: eur(649), tax: eur(36) },
        { rate: 210, base: eur(872), tax: eur(18) },
      ],
    });
  const now = new Date('2026-11-30T12:00:00.000Z');
  const settled = (current: Order, refund: OrderRefund): Order => ({ ...current, refunds: [...(current.refunds ?? []), { ...refund, status: 'succeeded' }] });
  const creditedAt = (current: Order, rate: number) => {
    const parts = (current.refunds ?? []).flatMap((r) => r.lines).filter((l) => l.vatRate === rate);
    return [parts.reduce((n, l) => n + l.amount.amount, 0), parts.reduce((n, l) => n + l.vat.amount, 0)];
  };

  it('the returned goods are refunded in full, yet no rate is credited beyond its invoice, and the rest cancels each exactly', () => {
    let current = settled(order(), reserveRefund(order(), { id: 'goodwill', reason: 'goodwill', amount: eur(1_500) }, now));
    const returned = reserveRefund(current, { id: 'return', reason: 'return', lines: [refundLineFor(current, 'RED', 2), refundLineFor(current, 'SUP', 1)] }, now);
    expect(returned.amount).toEqual(eur(598 + 777));
    expect(returned.lines.filter((l) => l.sku).map((l) => [l.sku, l.quantity])).toEqual([['RED', 2], ['SUP', 1]]);
    current = settled(current, returned);
    for (const t of order().taxBreakdown) {
      const [amount, vat] = creditedAt(current, t.rate);
      expect(amount).toBeLessThanOrEqual(t.base.amount + t.tax.amount);
      expect(vat).toBeLessThanOrEqual(t.tax.amount);
    }
    current = settled(current, reserveRefund(current, { id: 'rest', reason: 'rest' }, now));
    expect(order().taxBreakdown.map((t) => creditedAt(current, t.rate))).toEqual(order().taxBreakdown.map((t) => [t.base.amount + t.tax.amount, t.tax.amount]));
  });

  it('any goodwill amount before the return, even one leaving less than the goods are worth: the same, and the return credits its goods', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 3_863 }), (goodwill) => {
        let current = settled(order(), reserveRefund(order(), { id: 'goodwill', reason: 'goodwill', amount: eur(goodwill) }, now));
        const lines = [refundLineFor(current, 'RED', 2), refundLineFor(current, 'SUP', 1)];
        const returned = reserveRefund(current, { id: 'return', reason: 'return', lines }, now);
        expect(returned.lines.filter((l) => l.sku).map((l) => [l.sku, l.quantity])).toEqual([['RED', 2], ['SUP', 1]]);
        current = settled(current, returned);
        if (refundable(current).amount > 0) current = settled(current, reserveRefund(current, { id: 'rest', reason: 'rest' }, now));
        expect(order().taxBreakdown.map((t) => creditedAt(current, t.rate))).toEqual(order().taxBreakdown.map((t) => [t.base.amount + t.tax.amount, t.tax.amount]));
      }),
    );
  });
});

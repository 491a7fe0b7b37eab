import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CreditNote, OrderRefund, PricedCreditNote } from '#ordering/domain/after-sales';
import { withPricedLines } from '#ordering/domain/credited-line';
import type { Order } from '#ordering/domain/order';
import { unitsToShip } from '#fulfillment/domain/shipment';
import { refundOfReturn } from '#returns/app/receive-return';
import { cancelPaidOrder, refundOfCancellation } from '#returns/domain/cancellation';
import { cancellingInvoiceOf, creditNoteOf, formatCreditNoteNumber } from '#returns/domain/credit-note';
import { paidForLine, refundable, refundLineFor, shippingRefundFor } from '#returns/domain/refund-amounts';
import { reserveRefund } from '#returns/domain/refunds';
import { invoiceOf } from '#payments/domain/invoice';
import { arbitraryShippedCart, paidOrderOf, type ShippedCart } from '../../fixtures/priced-orders';
import { anInvoicedOrder, eur, seller } from './credit-note-fixtures';

const now = new Date('2026-12-03T15:20:00.000Z');
const issued = { number: 'A2026-000007', at: now.toISOString() };
const sum = (amounts: { amount: number }[]) => amounts.reduce((n, m) => n + m.amount, 0);
const succeeded = (refund: OrderRefund): OrderRefund => ({ ...refund, status: 'succeeded' });

/** What every credit note must satisfy, whatever it credits: its parts add up to its totals, to the cent. */
const expectItAddsUp = (note: CreditNote, refund: OrderRefund) => {
  expect(sum(note.lines.map((l) => l.totalIncludingTax)) + note.shipping.amount).toBe(note.totals.includingTax.amount);
  expect(note.totals.includingTax).toEqual(refund.amount);
  expect(sum(note.vatByRate.map((r) => r.vat))).toBe(note.totals.vat.amount);
  expect(sum(note.vatByRate.map((r) => r.base))).toBe(note.totals.excludingTax.amount);
  expect(note.totals.excludingTax.amount + note.totals.vat.amount).toBe(note.totals.includingTax.amount);
  for (const line of note.lines) expect(line.totalExcludingTax.amount + line.vat.amount).toBe(line.totalIncludingTax.amount);
};

/**
 * By how much a credited line's total, as the shop's prices are, exceeds quantity × unit price −
 * discount: nothing, as on an invoice, but where prices are without VAT a cent when the units'
 * total without VAT (their amount with VAT less their VAT, each rounded) is above their price.
 */
const overPrice = (order: Order, line: PricedCreditNote['lines'][number]) =>
  (order.pricesIncludeTax ? line.totalIncludingTax : line.totalExcludingTax).amount - (line.quantity * line.unitPrice.amount - line.discount.amount);

/**
 * What every credited line must state, as an invoice line does: units at the unit price invoiced,
 * and quantity × unit price − discount its total as the shop's prices are (with VAT or without),
 * to the cent (`overPrice`: a discount is never below 0); a sum credited without goods, no units
 * and prices of 0.
 */
const expectLinesReadAsInvoiced = (order: Order, note: PricedCreditNote) => {
  for (const line of note.lines) {
    if (line.quantity === 0) {
      expect([line.unitPrice, line.discount, line.unitPriceExcludingTax]).toEqual([eur(0), eur(0), eur(0)]);
      continue;
    }
    expect(line.unitPrice).toEqual(order.items.find((item) => item.sku === line.sku)?.unitPrice);
    expect(line.discount.amount).toBeGreaterThanOrEqual(0);
    const over = overPrice(order, line);
    expect(over === 0 || (over === 1 && !order.pricesIncludeTax && line.discount.amount === 0), `${line.sku}: ${over} over its price`).toBe(true);
  }
};

describe('the credit note of a refund', () => {
  it('is numbered in its own yearly series: A2026-000001', () => {
    expect(formatCreditNoteNumber(2026, 1)).toBe('A2026-000001');
    expect(formatCreditNoteNumber(2027, 123_456)).toBe('A2027-123456');
  });

  it('of a full withdrawal: every line with its VAT, the delivery cost, VAT per rate, totals equal to what was paid', () => {
    const order = anInvoicedOrder();
    const lines = [refundLineFor(order, 'LAMP-ATELIER', 1), refundLineFor(order, 'BOOK-CUISINE-FR', 2)];
    const refund = succeeded(reserveRefund(order, { id: 'refund-1', reason: 'withdrawal', lines, shipping: shippingRefundFor(order), returnId: 'ret-1' }, now));
    const note = creditNoteOf(order, refund, issued)!;
    expect(note).toMatchObject({ number: 'A2026-000007', invoiceNumber: 'F2026-000042', invoiceDate: '2026-11-24T10:05:00.000Z', issuedAt: issued.at, refundId: 'refund-1', currency: 'EUR' });
    expect(note.lines).toEqual([
      // As the invoice states them: 1 × 1 234,56 − 123,46 = 1 111,10 and 2 × 15,90 − 0 = 31,80 (prices with VAT).
      { sku: 'LAMP-ATELIER', description: 'Lampe d’atelier en laiton', quantity: 1, unitPrice: eur(123_456), discount: eur(12_346), unitPriceExcludingTax: eur(92_592), vatRate: 20, totalExcludingTax: eur(92_592), vat: eur(18_518), totalIncludingTax: eur(111_110) },
      { sku: 'BOOK-CUISINE-FR', description: 'La cuisine de Bordeaux', quantity: 2, unitPrice: eur(1_590), discount: eur(0), unitPriceExcludingTax: eur(1_507), vatRate: 5.5, totalExcludingTax: eur(3_014), vat: eur(166), totalIncludingTax: eur(3_180) },
    ]);
    expect(note.shipping).toEqual(eur(590));
    expect(note.vatByRate).toEqual([
      { rate: 5.5, base: eur(3_014), vat: eur(166) },
      { rate: 20, base: eur(93_084), vat: eur(18_616) },
    ]);
    expect(note.totals).toEqual({ excludingTax: eur(96_098), vat: eur(18_782), includingTax: eur(114_880) });
    expectItAddsUp(note, refund);
  });

  it('of one returned unit: its share of the line, VAT of its rate only, no delivery cost', () => {
    const order = anInvoicedOrder();
    const refund = succeeded(reserveRefund(order, { id: 'refund-2', reason: 'defective', lines: [refundLineFor(order, 'BOOK-CUISINE-FR', 1)] }, now));
    const note = creditNoteOf(order, refund, issued)!;
    expect(note.lines).toEqual([
      { sku: 'BOOK-CUISINE-FR', description: 'La cuisine de Bordeaux', quantity: 1, unitPrice: eur(1_590), discount: eur(0), unitPriceExcludingTax: eur(1_507), vatRate: 5.5, totalExcludingTax: eur(1_507), vat: eur(83), totalIncludingTax: eur(1_590) },
    ]);
    expect(note.shipping).toEqual(eur(0));
    expect(note.vatByRate).toEqual([{ rate: 5.5, base: eur(1_507), vat: eur(83) }]);
    expectItAddsUp(note, refund);
  });

  it('of a discounted, tax-exclusive unit: 99.00 of which 9.00 VAT, not 97.90', () => {
    const order = anInvoicedOrder({ kettle: true });
    const refund = succeeded(reserveRefund(order, { id: 'refund-3', reason: 'withdrawal', lines: [refundLineFor(order, 'KETTLE', 1)] }, now));
    const note = creditNoteOf(order, refund, issued)!;
    expect(note.totals).toEqual({ excludingTax: eur(9_000), vat: eur(900), includingTax: eur(9_900) });
    expect(note.vatByRate).toEqual([{ rate: 10, base: eur(9_000), vat: eur(900) }]);
    expectItAddsUp(note, refund);
  });

  it('of a full withdrawal in a tax-exclusive shop: the delivery is credited with its VAT, everything adds up to what was paid', () => {
    const kettle = anInvoicedOrder({ kettle: true });
    const order: Order = {
      ...kettle,
      totals: { ...kettle.totals, shipping: eur(590), tax: eur(1_918), total: eur(20_508) },
      taxBreakdown: [{ rate: 2000, base: eur(590), tax: eur(118) }, ...kettle.taxBreakdown],
    };
    // Placed before the delivery followed the goods' rates: its 10 % kettle was shipped at 20 %, and is credited so.
    expect(shippingRefundFor(order)).toEqual({ amount: eur(708), vat: eur(118), byRate: [{ amount: eur(708), vat: eur(118), vatRate: 2000 }] });
    const refund = succeeded(reserveRefund(order, { id: 'refund-7', reason: 'withdrawal', lines: [refundLineFor(order, 'KETTLE', 2)], shipping: shippingRefundFor(order) }, now));
    const note = creditNoteOf(order, refund, issued)!;
    expect(note.shipping).toEqual(eur(708));
    expect(note.vatByRate).toEqual([
      { rate: 10, base: eur(18_000), vat: eur(1_800) },
      { rate: 20, base: eur(590), vat: eur(118) },
    ]);
    expect(note.totals).toEqual({ excludingTax: eur(18_590), vat: eur(1_918), includingTax: eur(20_508) });
    expectItAddsUp(note, refund);
  });

  it('of a goodwill amount: split across the two VAT rates of the order, each part with its VAT, adding up to the amount', () => {
    const order = anInvoicedOrder();
    const refund = succeeded(reserveRefund(order, { id: 'refund-4', reason: 'Geste commercial', amount: eur(10_000) }, now));
    const note = creditNoteOf(order, refund, issued)!;
    expect(note.lines.map((l) => ({ sku: l.sku, quantity: l.quantity, vatRate: l.vatRate, description: l.description }))).toEqual([
      { sku: '', quantity: 0, vatRate: 20, description: 'Remboursement (geste commercial ou correction)' },
      { sku: '', quantity: 0, vatRate: 5.5, description: 'Remboursement (geste commercial ou correction)' },
    ]);
    // 20 % weighed 111 700 of 114 880 (lines and delivery), 5.5 % the rest: 97.23 and 2.77.
    expect(note.lines.map((l) => [l.totalIncludingTax.amount, l.vat.amount])).toEqual([
      [9_723, 1_621],
      [277, 14],
    ]);
    expect(note.vatByRate.map((r) => r.rate)).toEqual([5.5, 20]);
    expect(note.totals).toEqual({ excludingTax: eur(8_365), vat: eur(1_635), includingTax: eur(10_000) });
    expectItAddsUp(note, refund);
  });

  it('states a goodwill line as an invoice line with no units: quantity 0, unit prices and discount of 0 in its currency', () => {
    const order = anInvoicedOrder();
    const goodwill = succeeded(reserveRefund(order, { id: 'refund-8', reason: 'Geste commercial', amount: eur(10_000) }, now));
    const lines = creditNoteOf(order, goodwill, issued)!.lines;
    expect(lines).toHaveLength(2);
    for (const line of lines) {
      expect(line).toMatchObject({ sku: '', quantity: 0, unitPrice: eur(0), discount: eur(0), unitPriceExcludingTax: eur(0) });
      expect(line.totalIncludingTax.amount).toBeGreaterThan(0);
    }
  });

  it('of tax-exclusive units refunded apart whose total without VAT rounds a cent above their price: no discount, never below 0', () => {
    // 3 × 9,99 HT less 0,01, 20 % VAT: 29,96 + 5,99. The second unit: 11,99 of which 1,99 VAT, 10,00 HT.
    const cart = inFrance([{ ...physical('MUG-1', 'standard', 999), quantity: 3 }]);
    const { order } = paidOrderOf({ ...cart, promotions: [{ code: 'FIX', kind: 'fixed', value: 1, redemptions: 0 }], settings: { ...cart.settings, pricesIncludeTax: false } });
    expect(order.items[0]).toMatchObject({ unitPrice: eur(999), lineTotal: eur(2_997), discount: eur(1), tax: eur(599) });
    let refunded = order;
    const lines = [1, 2, 3].map((unit) => {
      const refund = succeeded(reserveRefund(refunded, { id: `r-${unit}`, reason: 'withdrawal', lines: [refundLineFor(refunded, 'MUG-1', 1)] }, now));
      refunded = { ...refunded, refunds: [...(refunded.refunds ?? []), refund] };
      return creditNoteOf(order, refund, issued)!.lines[0]!;
    });
    expect(lines.map((l) => [l.unitPrice.amount, l.discount.amount, l.totalExcludingTax.amount])).toEqual([
      [999, 1, 998],
      [999, 0, 1_000],
      [999, 1, 998],
    ]);
  });

  it('of a discounted, tax-exclusive unit: the unit price invoiced, without VAT, and the unit’s share of the discount', () => {
    const order = anInvoicedOrder({ kettle: true });
    const refund = succeeded(reserveRefund(order, { id: 'refund-10', reason: 'withdrawal', lines: [refundLineFor(order, 'KETTLE', 1)] }, now));
    // 1 × 100,00 − 10,00 = 90,00 HT, as the invoice's 2 × 100,00 − 20,00 = 180,00 HT.
    expect(creditNoteOf(order, refund, issued)!.lines).toEqual([
      { sku: 'KETTLE', description: 'Bouilloire en fonte', quantity: 1, unitPrice: eur(10_000), discount: eur(1_000), unitPriceExcludingTax: eur(9_000), vatRate: 10, totalExcludingTax: eur(9_000), vat: eur(900), totalIncludingTax: eur(9_900) },
    ]);
  });

  it('of 1 cent of goodwill: one line at the rate that takes it, no line of 0,00 € at the other, even for a refund reserved with one', () => {
    const order = anInvoicedOrder();
    const refund = succeeded(reserveRefund(order, { id: 'refund-9', reason: 'Geste commercial', amount: eur(1) }, now));
    expect(creditNoteOf(order, refund, issued)!.lines.map((l) => [l.vatRate, l.totalIncludingTax.amount])).toEqual([[20, 1]]);
    // Reserved before empty parts were left out: the part of 0 at 5.5 % is stored, and still not stated.
    const stored: OrderRefund = { ...refund, lines: [...refund.lines, { sku: '', quantity: 0, amount: eur(0), vat: eur(0), vatRate: 550 }] };
    const note = creditNoteOf(order, stored, issued)!;
    expect(note.lines).toHaveLength(1);
    expect(note.vatByRate).toEqual([{ rate: 20, base: eur(1), vat: eur(0) }]);
    expectItAddsUp(note, stored);
  });

  it('in English for an English-speaking customer: the goodwill line says so', () => {
    const order = anInvoicedOrder({ locale: 'en' });
    const refund = succeeded(reserveRefund(order, { id: 'refund-5', reason: 'Goodwill', amount: eur(500) }, now));
    expect(creditNoteOf(order, refund, issued)?.lines[0]?.description).toBe('Refund (goodwill or correction)');
  });

  it('adds up for any goodwill amount and any partial return', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 114_880 }), fc.integer({ min: 0, max: 1 }), fc.integer({ min: 0, max: 2 }), (amount, lamps, books) => {
        const order = anInvoicedOrder();
        const goodwill = succeeded(reserveRefund(order, { id: 'g', reason: 'goodwill', amount: eur(amount) }, now));
        expectItAddsUp(creditNoteOf(order, goodwill, issued)!, goodwill);
        expectLinesReadAsInvoiced(order, creditNoteOf(order, goodwill, issued)!);
        if (lamps + books === 0) return;
        const lines = [...(lamps ? [refundLineFor(order, 'LAMP-ATELIER', lamps)] : []), ...(books ? [refundLineFor(order, 'BOOK-CUISINE-FR', books)] : [])];
        const returned = succeeded(reserveRefund(order, { id: 'r', reason: 'return', lines }, now));
        expectItAddsUp(creditNoteOf(order, returned, issued)!, returned);
        expectLinesReadAsInvoiced(order, creditNoteOf(order, returned, issued)!);
      }),
    );
  });

  it('is not issued for an order never invoiced', () => {
    const order: Order = { ...anInvoicedOrder(), invoiceNumber: null };
    const refund = succeeded(reserveRefund(order, { id: 'refund-6', reason: 'goodwill', amount: eur(500) }, now));
    expect(creditNoteOf(order, refund, issued)).toBeUndefined();
  });
});

const physical = (sku: string, taxCategory: 'standard' | 'reduced', amount: number) => ({ sku, name: sku, type: 'physical' as const, taxCategory, unitPrice: eur(amount), quantity: 1 });
const inFrance = (lines: ShippedCart['lines']): ShippedCart => ({ lines, destinationCountry: 'FR', promotions: [], settings: { pricesIncludeTax: true, shipping: { domestic: 490, eu: 990, world: 1990, freeFrom: 6000 } } });
/** The refund of a full withdrawal: every unit of every line, and the delivery. */
const fullWithdrawal = (order: Order) =>
  succeeded(reserveRefund(order, { id: 'refund-all', reason: 'withdrawal', lines: order.items.map((l) => refundLineFor(order, l.sku, l.quantity)), shipping: shippingRefundFor(order) }, now));

describe('the credit note of a full withdrawal, the delivery at the rates of its goods', () => {
  it('credits the delivery of 5.5 % books at 5.5 %, as invoiced', () => {
    const { order } = paidOrderOf(inFrance([physical('BOOK-1', 'reduced', 1999)]));
    const note = creditNoteOf(order, fullWithdrawal(order), issued)!;
    expect(note.shipping).toEqual(eur(490));
    expect(note.vatByRate).toEqual([{ rate: 5.5, base: eur(2359), vat: eur(130) }]);
  });

  it('credits the delivery of a 20 % mug and a 5.5 % book of equal amounts half at each rate', () => {
    const { order } = paidOrderOf(inFrance([physical('MUG-1', 'standard', 1500), physical('BOOK-1', 'reduced', 1500)]));
    expect(shippingRefundFor(order).byRate).toEqual([
      { amount: eur(245), vat: eur(41), vatRate: 2000 },
      { amount: eur(245), vat: eur(13), vatRate: 550 },
    ]);
    const note = creditNoteOf(order, fullWithdrawal(order), issued)!;
    expect(note.vatByRate).toEqual([
      { rate: 5.5, base: eur(1422 + 232), vat: eur(78 + 13) },
      { rate: 20, base: eur(1250 + 204), vat: eur(250 + 41) },
    ]);
  });

  it('of an order placed before: the delivery credited at the one rate it was invoiced at, 20 % beside 5.5 % books', () => {
    const { order: placed } = paidOrderOf(inFrance([physical('BOOK-1', 'reduced', 1999)]));
    const order: Order = { ...placed, totals: { ...placed.totals, tax: eur(186) }, taxBreakdown: [{ rate: 2000, base: eur(408), tax: eur(82) }, { rate: 550, base: eur(1895), tax: eur(104) }] };
    const note = creditNoteOf(order, fullWithdrawal(order), issued)!;
    expect(note.vatByRate).toEqual([
      { rate: 5.5, base: eur(1895), vat: eur(104) },
      { rate: 20, base: eur(408), vat: eur(82) },
    ]);
    expect(note.vatByRate).toEqual([...invoiceOf(order, seller)!.vatByRate].reverse());
  });

  it('of a refund reserved before, its delivery stored with one rate: credited at that rate', () => {
    const order = anInvoicedOrder();
    const stored: OrderRefund = { ...fullWithdrawal(order), shipping: { amount: eur(590), vat: eur(98), vatRate: 2000 } };
    expect(creditNoteOf(order, stored, issued)!.vatByRate).toEqual([
      { rate: 5.5, base: eur(3_014), vat: eur(166) },
      { rate: 20, base: eur(93_084), vat: eur(18_616) },
    ]);
    // Given back already: nothing of the delivery is owed again.
    expect(shippingRefundFor({ ...order, refunds: [stored] }).amount).toEqual(eur(0));
  });

  it('gives back exactly what the invoice charged, for any cart: the same VAT per rate, the same totals, nothing of the delivery left', () => {
    fc.assert(
      fc.property(arbitraryShippedCart, (cart) => {
        const { order, priced } = paidOrderOf(cart);
        const shipping = shippingRefundFor(order);
        // What the order charged for delivery, rate by rate, VAT included.
        expect(shipping.byRate).toEqual(
          priced.shippingByRate.map((p) => ({ amount: eur(p.amount.amount + (order.pricesIncludeTax ? 0 : p.tax.amount)), vat: p.tax, vatRate: p.rate })),
        );
        if (order.totals.total.amount === 0) return;
        const refund = fullWithdrawal(order);
        const note = creditNoteOf(order, refund, issued)!;
        expectItAddsUp(note, refund);
        const invoice = invoiceOf(order, seller)!;
        expect(note.totals).toEqual(invoice.totals);
        const byRate = (rows: { rate: number; base: { amount: number }; vat: { amount: number } }[]) =>
          rows.filter((r) => r.base.amount + r.vat.amount > 0).map((r) => [r.rate, r.base.amount, r.vat.amount]).sort(([a], [b]) => Number(a) - Number(b));
        expect(byRate(note.vatByRate)).toEqual(byRate(invoice.vatByRate));
        expect(shippingRefundFor({ ...order, refunds: [refund] }).amount).toEqual(eur(0));
      }),
    );
  });
});

describe('the lines of credit notes, as the invoice states its lines', () => {
  it('of any cart returned unit by unit: each unit at the price invoiced with its share of the discount, the shares of a line adding up to its invoice’s discount', () => {
    fc.assert(
      fc.property(arbitraryShippedCart, (cart) => {
        const { order: placed } = paidOrderOf(cart);
        // Every unit is worth a cent at least, so each is a refund of its own.
        fc.pre(placed.items.every((line) => paidForLine(placed, line) >= line.quantity));
        let order = placed;
        const notes: PricedCreditNote[] = [];
        for (const item of placed.items) {
          for (let unit = 1; unit <= item.quantity; unit++) {
            const refund = succeeded(reserveRefund(order, { id: `r-${item.sku}-${unit}`, reason: 'withdrawal', lines: [refundLineFor(order, item.sku, 1)] }, now));
            const note = creditNoteOf(order, refund, issued)!;
            expectLinesReadAsInvoiced(order, note);
            notes.push(note);
            order = { ...order, refunds: [...(order.refunds ?? []), refund] };
          }
        }
        for (const line of invoiceOf(placed, seller)!.lines) {
          const credited = notes.flatMap((note) => note.lines).filter((l) => l.sku === line.sku);
          expect(credited.map((l) => l.quantity)).toEqual(Array.from({ length: line.quantity }, () => 1));
          // Less the cents by which a unit's total was above its price (then its discount is 0).
          const over = credited.reduce((n, l) => n + overPrice(placed, l), 0);
          expect(sum(credited.map((l) => l.discount)) - over).toBe(line.discount.amount);
        }
      }),
    );
  });
});

describe('the lines of credit notes, where an earlier goodwill refund left too little at a rate', () => {
  it('states units held back within what is left at their rate with what they were held back by as discount, credited at the other rate as a sum without goods', () => {
    const placed = anInvoicedOrder();
    const goodwill = succeeded(reserveRefund(placed, { id: 'g', reason: 'Geste commercial', amount: eur(100_000) }, now));
    const order: Order = { ...placed, refunds: [goodwill] };
    const refund = succeeded(reserveRefund(order, { id: 'r', reason: 'withdrawal', lines: [refundLineFor(order, 'BOOK-CUISINE-FR', 2)] }, now));
    const note = creditNoteOf(order, refund, issued)!;
    // The books cost 31,80; 4,12 was left at 5.5 %: 2 × 15,90 − 27,68 = 4,12, and 27,68 at 20 %.
    expect(note.lines.map((l) => [l.sku, l.quantity, l.unitPrice.amount, l.discount.amount, l.vatRate, l.totalIncludingTax.amount])).toEqual([
      ['BOOK-CUISINE-FR', 2, 1_590, 2_768, 5.5, 412],
      ['', 0, 0, 0, 20, 2_768],
    ]);
    expectLinesReadAsInvoiced(order, note);
    expectItAddsUp(note, refund);
  });
});

describe('the credit note of a return refunded for what was left after a goodwill refund', () => {
  /** 3 × A at 20 %, 3 × B at 5.5 %, 1 × C at 20 %, 15 % and 7,00 € off, delivered free: 60,96 €. */
  const delivered = (): Order => {
    const cart = inFrance([
      { ...physical('A', 'standard', 1_999), quantity: 3 },
      { ...physical('B', 'reduced', 555), quantity: 3 },
      physical('C', 'standard', 333),
    ]);
    const promotions = [
      { code: 'PCT', kind: 'percent' as const, value: 15, redemptions: 0 },
      { code: 'FIX', kind: 'fixed' as const, value: 700, redemptions: 0 },
    ];
    const { order } = paidOrderOf({ ...cart, promotions });
    return { ...order, status: 'delivered', deliveredAt: now.toISOString() };
  };
  /** The order once a return of these units, all received, was refunded. */
  const returning = (order: Order, id: string, units: [string, number][]) => {
    const ret = { id, status: 'received' as const, items: units.map(([sku, quantity]) => ({ sku, quantity, reason: 'withdrawal' as const })), createdAt: now.toISOString(), received: units.map(([sku, received]) => ({ sku, received, damaged: 0 })) };
    const refund = succeeded(reserveRefund({ ...order, returns: [ret] }, refundOfReturn({ ...order, returns: [ret] }, ret), now));
    return { order: { ...order, refunds: [...(order.refunds ?? []), refund] }, refund };
  };

  it('lists the goods returned, credited together for what was left, VAT per rate as left', () => {
    let order = delivered();
    expect(order.totals.total).toEqual(eur(6_096));
    order = returning(order, 'ret-1', [['A', 1], ['B', 1]]).order;
    order = { ...order, refunds: [...order.refunds!, succeeded(reserveRefund(order, { id: 'goodwill', reason: 'goodwill', amount: eur(333) }, now))] };
    order = returning(order, 'ret-2', [['B', 1]]).order;
    const last = returning(order, 'ret-3', [['A', 2], ['B', 1], ['C', 1]]);
    // The goods were worth 37,26 €; 33,93 € was left: 30,38 € at 20 % (5,06 € of VAT), 3,55 € at 5.5 % (0,18 €).
    expect(last.refund.amount).toEqual(eur(3_393));
    const note = creditNoteOf(last.order, last.refund, issued)!;
    expect(note.lines.map((l) => [l.sku, l.quantity])).toEqual([['A', 2], ['B', 1], ['C', 1]]);
    // At 20 %, A (30,49 €) and C (2,54 €) share the 2,65 € short in proportion to their value.
    expect(note.lines.map((l) => l.totalIncludingTax.amount)).toEqual([2_804, 355, 234]);
    expect(note.vatByRate).toEqual([
      { rate: 5.5, base: eur(337), vat: eur(18) },
      { rate: 20, base: eur(2_532), vat: eur(506) },
    ]);
    expectItAddsUp(note, last.refund);
    expectLinesReadAsInvoiced(last.order, note);
    // Every unit came back: the notes of the order credit every unit of every line.
    const credited = last.order.refunds!.flatMap((r) => r.lines).filter((l) => l.sku);
    expect(['A', 'B', 'C'].map((sku) => credited.filter((l) => l.sku === sku).reduce((n, l) => n + l.quantity, 0))).toEqual([3, 3, 1]);
  });
});

describe('a credit note stored before its lines stated unit prices and discount', () => {
  const order = anInvoicedOrder();
  const withdrawal = creditNoteOf(order, succeeded(reserveRefund(order, { id: 'refund-1', reason: 'withdrawal', lines: [refundLineFor(order, 'LAMP-ATELIER', 1), refundLineFor(order, 'BOOK-CUISINE-FR', 1)] }, now)), issued)!;
  const goodwill = creditNoteOf(order, succeeded(reserveRefund(order, { id: 'refund-2', reason: 'Geste commercial', amount: eur(10_000) }, now)), issued)!;

  it('reads as one issued now: its units priced from the order’s lines, its goodwill at 0', () => {
    for (const note of [withdrawal, goodwill]) {
      const stored: CreditNote = { ...note, lines: note.lines.map(({ unitPrice: _p, discount: _d, unitPriceExcludingTax: _n, ...line }) => line) };
      expect(withPricedLines(order, stored)).toEqual(note);
      // Issued while the unit price without VAT was stated, and only it.
      const partly: CreditNote = { ...note, lines: note.lines.map(({ unitPrice: _p, discount: _d, ...line }) => line) };
      expect(withPricedLines(order, partly)).toEqual(note);
    }
  });

  it('keeps what a line states, as issued', () => {
    const [lamp] = withdrawal.lines;
    const issuedSo = { ...lamp!, unitPriceExcludingTax: eur(92_593) };
    expect(withPricedLines(order, { ...withdrawal, lines: [issuedSo] }).lines).toEqual([issuedSo]);
  });
});

describe('the credit notes of an order cancelled in part, then every shipped unit returned', () => {
  /** Invoice and credit notes per VAT rate, [rate, base, vat], rates of nothing left out. */
  const byRate = (rows: { rate: number; base: { amount: number }; vat: { amount: number } }[]) => {
    const summed = new Map<number, [number, number]>();
    for (const r of rows) summed.set(r.rate, [(summed.get(r.rate)?.[0] ?? 0) + r.base.amount, (summed.get(r.rate)?.[1] ?? 0) + r.vat.amount]);
    return [...summed].filter(([, [base, vat]]) => base + vat > 0).map(([rate, [base, vat]]) => [rate, base, vat]).sort(([a], [b]) => Number(a) - Number(b));
  };

  it('the delivery is refunded with the last unit back, and the two credit notes cancel the invoice rate by rate, for any cart of physical goods', () => {
    fc.assert(
      fc.property(arbitraryShippedCart, fc.array(fc.nat(), { minLength: 8, maxLength: 8 }), (cart, picks) => {
        const { order: placed } = paidOrderOf({ ...cart, lines: cart.lines.filter((l) => l.type === 'physical') });
        const shipped = placed.items.map((l, i) => ({ sku: l.sku, quantity: picks[i]! % (l.quantity + 1) })).filter((u) => u.quantity > 0);
        fc.pre(placed.totals.total.amount > 0 && shipped.length > 0);
        const parcel = { id: 'ship-1', carrier: 'colissimo' as const, trackingNumber: '6A0001', trackingUrl: 'https://example.com/6A0001', items: shipped, shippedAt: now.toISOString() };
        const partlyShipped: Order = { ...placed, status: 'partially_shipped', deliveredAt: undefined, shipments: [parcel] };
        fc.pre(unitsToShip(partlyShipped).length > 0);

        // The shop cancels what did not ship: no delivery, goods are still with the customer.
        const cancelled = cancelPaidOrder(partlyShipped, unitsToShip(partlyShipped), now);
        const cancellation = refundOfCancellation(cancelled, 'rf-cancel');
        expect(cancellation ?? {}).not.toHaveProperty('shipping');
        const refunds: OrderRefund[] = [];
        if (cancellation) refunds.push(succeeded(reserveRefund(cancelled, cancellation, now)));

        // The customer sends back every shipped unit: the delivery goes back with them.
        const ret = { id: 'ret-1', status: 'received' as const, items: shipped.map((u) => ({ ...u, reason: 'withdrawal' as const })), createdAt: now.toISOString(), received: shipped.map((u) => ({ sku: u.sku, received: u.quantity, damaged: 0 })) };
        const returned: Order = { ...cancelled, status: 'delivered', deliveredAt: now.toISOString(), refunds, returns: [ret] };
        const request = refundOfReturn(returned, ret);
        expect(request.shipping?.amount ?? eur(0)).toEqual(shippingRefundFor(placed).amount);
        if (refundable(returned).amount > 0) refunds.push(succeeded(reserveRefund(returned, request, now)));

        const notes = refunds.map((r) => creditNoteOf(returned, r, issued)!);
        notes.forEach((note, i) => expectItAddsUp(note, refunds[i]!));
        notes.forEach((note) => expectLinesReadAsInvoiced(returned, note));
        const invoice = invoiceOf(placed, seller)!;
        expect(refundable({ ...returned, refunds }).amount).toBe(0);
        expect(sum(notes.map((n) => n.totals.includingTax))).toBe(invoice.totals.includingTax.amount);
        expect(byRate(notes.flatMap((n) => n.vatByRate))).toEqual(byRate(invoice.vatByRate));
      }),
    );
  });
});

describe('the invoice that cancels a credit note whose refund the bank failed', () => {
  const cancelling = { number: 'F2026-000047', at: '2026-12-04T09:00:00.000Z' };

  it('charges back exactly what the note credited: the same lines, delivery, VAT per rate and totals, citing the note and its invoice', () => {
    const order = anInvoicedOrder();
    const lines = [refundLineFor(order, 'LAMP-ATELIER', 1), refundLineFor(order, 'BOOK-CUISINE-FR', 2)];
    const refund = succeeded(reserveRefund(order, { id: 'refund-1', reason: 'withdrawal', lines, shipping: shippingRefundFor(order), returnId: 'ret-1' }, now));
    const note = creditNoteOf(order, refund, issued)!;
    // Two VAT rates at least, and the delivery split over them: what must come back rate by rate.
    expect(note.vatByRate.length).toBeGreaterThan(1);
    expect(note.shipping.amount).toBeGreaterThan(0);
    const invoice = cancellingInvoiceOf(note, cancelling);
    expect(invoice).toEqual({
      number: 'F2026-000047',
      issuedAt: '2026-12-04T09:00:00.000Z',
      creditNoteNumber: 'A2026-000007',
      creditNoteDate: issued.at,
      invoiceNumber: 'F2026-000042',
      invoiceDate: '2026-11-24T10:05:00.000Z',
      refundId: 'refund-1',
      currency: 'EUR',
      lines: note.lines,
      shipping: note.shipping,
      vatByRate: note.vatByRate,
      totals: note.totals,
    });
  });

  it('of a note stored before its lines stated unit prices and discount: shown with the invoice, its lines priced as the note reads now', () => {
    const order = anInvoicedOrder();
    const refund = succeeded(reserveRefund(order, { id: 'refund-1', reason: 'withdrawal', lines: [refundLineFor(order, 'LAMP-ATELIER', 1)] }, now));
    const note = creditNoteOf(order, refund, issued)!;
    const stored: CreditNote = { ...note, lines: note.lines.map(({ unitPrice: _p, discount: _d, unitPriceExcludingTax: _n, ...line }) => line) };
    const shown = invoiceOf({ ...order, cancellingInvoices: [cancellingInvoiceOf(stored, cancelling)] }, seller)!.cancellingInvoices;
    expect(shown.map((invoice) => invoice.lines)).toEqual([note.lines]);
  });
});

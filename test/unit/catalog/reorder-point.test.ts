import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { afterRestock, afterSale, isLowStock, rearms } from '#catalog/domain/reorder-point';

type Step = { kind: 'sale' | 'restock'; quantity: number };

/**
 * Runs a product's stock through sales and restocks as the system does: the inventory worker
 * decides after each sale; a restock (admin, cancelled order) re-arms in its own write.
 */
const run = (start: number, reorderPoint: number, steps: readonly Step[]) => {
  let available = start;
  let lowStockAlerted = false;
  const alerts: number[] = [];
  const trace: { low: boolean; sale: boolean }[] = [];
  steps.forEach((step, i) => {
    if (step.kind === 'sale') {
      available -= Math.min(step.quantity, available);
      const decision = afterSale({ available, reorderPoint, lowStockAlerted });
      if (decision === 'alert') alerts.push(i);
      if (decision !== 'none') lowStockAlerted = decision === 'alert';
    } else {
      available += step.quantity;
      if (rearms(available, reorderPoint)) lowStockAlerted = false;
    }
    trace.push({ low: available <= reorderPoint, sale: step.kind === 'sale' });
  });
  return { alerts, trace };
};

/** The alerts expected, found another way: the first sale of every stretch the stock spends at or below the point. */
const firstSalesOfLowStretches = (trace: readonly { low: boolean; sale: boolean }[]) => {
  const expected: number[] = [];
  let alertedThisStretch = false;
  trace.forEach(({ low, sale }, i) => {
    if (!low) alertedThisStretch = false;
    else if (sale && !alertedThisStretch) {
      expected.push(i);
      alertedThisStretch = true;
    }
  });
  return expected;
};

const steps = fc.array(
  fc.record({ kind: fc.constantFrom<'sale' | 'restock'>('sale', 'sale', 'restock'), quantity: fc.integer({ min: 1, max: 6 }) }),
  { maxLength: 60 },
);

describe('the reorder point', () => {
  it('is low at or below the point, and never without one', () => {
    expect(isLowStock(3, 3)).toBe(true);
    expect(isLowStock(4, 3)).toBe(false);
    expect(isLowStock(0, 0)).toBe(true);
    expect(isLowStock(0, undefined)).toBe(false);
    expect(rearms(0, undefined)).toBe(true);
  });

  it('alerts after a sale at or below the point once, and re-arms a sale above it that finds the alert set', () => {
    expect(afterSale({ available: 2, reorderPoint: 2, lowStockAlerted: false })).toBe('alert');
    expect(afterSale({ available: 1, reorderPoint: 2, lowStockAlerted: true })).toBe('none');
    expect(afterSale({ available: 3, reorderPoint: 2, lowStockAlerted: true })).toBe('rearm');
    expect(afterSale({ available: 3, reorderPoint: 2, lowStockAlerted: false })).toBe('none');
    expect(afterSale({ available: 0, lowStockAlerted: false })).toBe('none');
  });

  it('never alerts when stock comes back, and re-arms only above the point', () => {
    expect(afterRestock({ available: 2, reorderPoint: 2, lowStockAlerted: false })).toBe('none');
    expect(afterRestock({ available: 2, reorderPoint: 2, lowStockAlerted: true })).toBe('none');
    expect(afterRestock({ available: 3, reorderPoint: 2, lowStockAlerted: true })).toBe('rearm');
    expect(afterRestock({ available: 3, lowStockAlerted: true })).toBe('rearm');
  });

  it('tells the shop exactly once per stretch at or below the point, at its first sale, whatever the sales and restocks', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 30 }), fc.integer({ min: 0, max: 10 }), steps, (start, reorderPoint, moves) => {
        const { alerts, trace } = run(start, reorderPoint, moves);
        expect(alerts).toEqual(firstSalesOfLowStretches(trace));
      }),
    );
  });
});

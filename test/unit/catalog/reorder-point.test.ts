import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { afterAdjustment, afterRestock, afterSale, crossedByNewReorderPoint, isLowStock, rearms } from '#catalog/domain/reorder-point';

type Step = { kind: 'sale' | 'removal' | 'restock'; quantity: number };

/**
 * Runs a product's stock through sales, the admin's removals and restocks as the system does: the
 * inventory worker decides after each sale; the admin's change decides in its own write, and so
 * does a restock (admin, cancelled order), which re-arms.
 */
const run = (start: number, reorderPoint: number, steps: readonly Step[]) => {
  let available = start;
  let lowStockAlerted = false;
  const alerts: number[] = [];
  const trace: { low: boolean; takes: boolean }[] = [];
  steps.forEach((step, i) => {
    const previous = available;
    let decision: 'alert' | 'rearm' | 'none';
    if (step.kind === 'sale') {
      available -= Math.min(step.quantity, available);
      decision = afterSale({ available, reorderPoint, lowStockAlerted });
    } else if (step.kind === 'removal') {
      available -= Math.min(step.quantity, available); // the API refuses more than there is
      decision = afterAdjustment(previous, { available, reorderPoint, lowStockAlerted });
    } else {
      available += step.quantity;
      decision = rearms(available, reorderPoint) ? 'rearm' : 'none';
    }
    if (decision === 'alert') alerts.push(i);
    if (decision !== 'none') lowStockAlerted = decision === 'alert';
    // A sale always counts (the worker cannot tell a sale of the last units from none); a removal, when it removed units.
    trace.push({ low: available <= reorderPoint, takes: step.kind === 'sale' || (step.kind === 'removal' && available < previous) });
  });
  return { alerts, trace };
};

/** The alerts expected, found another way: the first sale or removal of every stretch the stock spends at or below the point. */
const firstTakingsOfLowStretches = (trace: readonly { low: boolean; takes: boolean }[]) => {
  const expected: number[] = [];
  let alertedThisStretch = false;
  trace.forEach(({ low, takes }, i) => {
    if (!low) alertedThisStretch = false;
    else if (takes && !alertedThisStretch) {
      expected.push(i);
      alertedThisStretch = true;
    }
  });
  return expected;
};

const steps = fc.array(
  fc.record({ kind: fc.constantFrom<Step['kind']>('sale', 'sale', 'removal', 'restock'), quantity: fc.integer({ min: 1, max: 6 }) }),
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

  it('alerts when the admin takes units from above the point to at or below it, even past a stale alert, and never when units come back', () => {
    expect(afterAdjustment(3, { available: 2, reorderPoint: 2, lowStockAlerted: false })).toBe('alert');
    // Units of a cancelled order came back above the point and the worker has not re-armed yet: a new crossing.
    expect(afterAdjustment(3, { available: 2, reorderPoint: 2, lowStockAlerted: true })).toBe('alert');
    // Already low: as after a sale, once per stretch.
    expect(afterAdjustment(2, { available: 1, reorderPoint: 2, lowStockAlerted: false })).toBe('alert');
    expect(afterAdjustment(2, { available: 1, reorderPoint: 2, lowStockAlerted: true })).toBe('none');
    expect(afterAdjustment(9, { available: 3, reorderPoint: 2, lowStockAlerted: false })).toBe('none');
    expect(afterAdjustment(5, { available: 0, lowStockAlerted: false })).toBe('none');
    // Units put back (or the same count): never an alert; above the point, a re-arm.
    expect(afterAdjustment(1, { available: 2, reorderPoint: 2, lowStockAlerted: false })).toBe('none');
    expect(afterAdjustment(2, { available: 2, reorderPoint: 2, lowStockAlerted: false })).toBe('none');
    expect(afterAdjustment(2, { available: 3, reorderPoint: 2, lowStockAlerted: true })).toBe('rearm');
  });

  it('takes a reorder point raised to or above a stock that was above the old one as a crossing, and no other move of it', () => {
    expect(crossedByNewReorderPoint(3, 2, 3)).toBe(true);
    expect(crossedByNewReorderPoint(3, undefined, 5)).toBe(true);
    expect(crossedByNewReorderPoint(3, 4, 8)).toBe(false); // already low: the same stretch
    expect(crossedByNewReorderPoint(3, 2, 2)).toBe(false);
    expect(crossedByNewReorderPoint(3, 5, 1)).toBe(false);
    expect(crossedByNewReorderPoint(3, 2, undefined)).toBe(false);
  });

  it('tells the shop exactly once per stretch at or below the point, at its first sale or removal, whatever the sales, removals and restocks', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 30 }), fc.integer({ min: 0, max: 10 }), steps, (start, reorderPoint, moves) => {
        const { alerts, trace } = run(start, reorderPoint, moves);
        expect(alerts).toEqual(firstTakingsOfLowStretches(trace));
      }),
    );
  });
});

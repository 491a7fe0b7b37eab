import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { afterAdjustment, afterAdminChange, afterRestock, afterSale, crossedByNewReorderPoint, isLowStock, rearms } from '#catalog/domain/reorder-point';

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

  it('reads an admin write that moves the point and sets the count as the point moved at the old count, then the count set under the new point', () => {
    // Raised over a count that was above the old point, units put in or not: a crossing, told at the new count.
    expect(afterAdminChange({ available: 10, reorderPoint: 3, lowStockAlerted: false }, { available: 11, reorderPoint: 12 })).toBe('alert');
    // Moved, but still under the count; then units taken across it: a crossing.
    expect(afterAdminChange({ available: 10, reorderPoint: 3, lowStockAlerted: false }, { available: 4, reorderPoint: 5 })).toBe('alert');
    // Low all along and told: the same stretch, wherever the point and the count go under it.
    expect(afterAdminChange({ available: 2, reorderPoint: 5, lowStockAlerted: true }, { available: 1, reorderPoint: 8 })).toBe('none');
    // Lowered under the count (re-armed), then units taken across the new point: a new crossing.
    expect(afterAdminChange({ available: 4, reorderPoint: 5, lowStockAlerted: true }, { available: 1, reorderPoint: 2 })).toBe('alert');
    // A new product has had its point from the start, at 0 units: units put in cross nothing.
    expect(afterAdminChange({ available: 0, reorderPoint: 5, lowStockAlerted: false }, { available: 3, reorderPoint: 5 })).toBe('none');
    // Ends above the point (or without one): re-armed.
    expect(afterAdminChange({ available: 2, reorderPoint: 5, lowStockAlerted: true }, { available: 9, reorderPoint: 5 })).toBe('rearm');
    expect(afterAdminChange({ available: 2, reorderPoint: 5, lowStockAlerted: true }, { available: 2 })).toBe('rearm');
  });

  it('decides a write that keeps the point as an adjustment of the count, and one that keeps the count as a moved point', () => {
    const count = fc.integer({ min: 0, max: 12 });
    const point = fc.option(fc.integer({ min: 0, max: 10 }), { nil: undefined });
    fc.assert(
      fc.property(count, point, count, point, fc.boolean(), (previous, before, available, after, lowStockAlerted) => {
        const decision = afterAdminChange({ available: previous, reorderPoint: before, lowStockAlerted }, { available, reorderPoint: after });
        if (before === after) expect(decision === 'alert').toBe(afterAdjustment(previous, { available, reorderPoint: after, lowStockAlerted }) === 'alert');
        if (available === previous) expect(decision === 'alert').toBe(crossedByNewReorderPoint(previous, before, after));
        // An alert is for a stock left at or below the point; any stock above it re-arms.
        if (decision === 'alert') expect(isLowStock(available, after)).toBe(true);
        expect(decision === 'rearm').toBe(rearms(available, after));
      }),
    );
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

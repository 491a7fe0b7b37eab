import { describe, expect, it } from 'vitest';
import { allowedSources, canTransition, statusesLeadingTo, transitions, type OrderStatus } from '#ordering/domain/order';

const statuses = Object.keys(transitions) as OrderStatus[];

describe("the order's state machine", () => {
  it('follows the life of an order as API.md draws it', () => {
    expect(transitions.pending_payment).toEqual(['paid', 'cancelled']);
    expect(canTransition('paid', 'shipped')).toBe(true);
    expect(canTransition('shipped', 'delivered')).toBe(true);
    expect(canTransition('cancelled', 'paid')).toBe(false);
    expect(canTransition('delivered', 'pending_payment')).toBe(false);
  });

  it('ends in cancelled; leaves refunded for where the goods are only when the bank fails a refund', () => {
    expect(transitions.cancelled).toEqual([]);
    expect(transitions.refunded).not.toContain('pending_payment');
    expect(canTransition('refunded', 'paid')).toBe(true);
  });

  it('lets the shop cancel an order refunded in part or in full: a refund ships nothing', () => {
    expect(canTransition('partially_refunded', 'cancelled')).toBe(true);
    expect(canTransition('refunded', 'cancelled')).toBe(true);
    expect(canTransition('shipped', 'cancelled')).toBe(false);
    expect(canTransition('delivered', 'cancelled')).toBe(false);
  });

  it.each(statuses)('lists as sources of %s exactly the statuses the table lets move there', (to) => {
    expect(statusesLeadingTo(to).sort()).toEqual(statuses.filter((from) => transitions[from].includes(to)).sort());
  });

  it('refuses a use case that names a source the table does not allow', () => {
    expect(allowedSources(['pending_payment'], 'cancelled')).toEqual(['pending_payment']);
    expect(() => allowedSources(['shipped'], 'cancelled')).toThrow(/cannot go from shipped to cancelled/);
    expect(() => allowedSources(['pending_payment', 'cancelled'], 'paid')).toThrow(/cancelled/);
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { OrderReturn, ReturnLine, ReturnStatus } from '#ordering/domain/after-sales';
import { checkReceived, everythingGivenBack, moveReturn, receiveGoods, refundOwedAgain, rejectWith, requestReturn, returnTransitions, returnWindowEnd } from '#returns/domain/returns';
import { aDeliveredOrder, DELIVERED_AT } from './returns-fixtures';

const at = (iso: string) => ({ id: 'ret-0000000001', now: new Date(iso), windowDays: 14 });
const mugs = (quantity: number, reason: ReturnLine['reason'] = 'withdrawal'): ReturnLine[] => [{ sku: 'MUG-1', quantity, reason }];
/** A return of mugs; once received, every unit it asked came back, unless `received` says how many did. */
const aReturn = (id: string, status: ReturnStatus, quantity: number, reason: ReturnLine['reason'] = 'withdrawal', received = quantity): OrderReturn => ({
  id,
  status,
  items: mugs(quantity, reason),
  createdAt: '2026-12-02T10:00:00.000Z',
  ...((status === 'received' || status === 'refunded') && { received: [{ sku: 'MUG-1', received, damaged: 0 }] }),
});
const fieldsOf = (act: () => unknown): string[] => {
  try {
    act();
  } catch (error) {
    return ((error as { errors?: { path: string }[] }).errors ?? []).map((e) => e.path);
  }
  throw new Error('it did not throw');
};

describe('asking to return goods', () => {
  it('a withdrawal of one delivered unit: requested, with its refund due 14 days after the notice', () => {
    const ret = requestReturn(aDeliveredOrder('o-1'), mugs(1), at('2026-12-03T08:00:00.000Z'));
    expect(ret).toEqual({ id: 'ret-0000000001', status: 'requested', items: mugs(1), createdAt: '2026-12-03T08:00:00.000Z', refundDueBy: '2026-12-17T08:00:00.000Z' });
    expect(requestReturn(aDeliveredOrder('o-1'), mugs(1, 'defective'), at('2026-12-03T08:00:00.000Z'))).not.toHaveProperty('refundDueBy');
  });

  it('never more than shipped minus what was asked back (422 naming the line), rejected returns not counted', () => {
    const now = at('2026-12-03T08:00:00.000Z');
    expect(fieldsOf(() => requestReturn(aDeliveredOrder('o-2'), mugs(3), now))).toEqual(['items.0.quantity']);
    const oneAsked = aDeliveredOrder('o-2', { returns: [aReturn('r-1', 'approved', 1)] });
    expect(fieldsOf(() => requestReturn(oneAsked, mugs(2), now))).toEqual(['items.0.quantity']);
    expect(requestReturn(oneAsked, mugs(1), now).items).toEqual(mugs(1));
    // Two lines of the same product are counted together.
    expect(fieldsOf(() => requestReturn(oneAsked, [...mugs(1), ...mugs(1, 'defective')], now))).toEqual(['items.1.quantity']);
    const rejected = aDeliveredOrder('o-2', { returns: [aReturn('r-1', 'rejected', 2)] });
    expect(requestReturn(rejected, mugs(2), now).items).toEqual(mugs(2));
  });

  it('a unit asked back and not received can be asked for again: a received return holds the units that came back', () => {
    const now = at('2026-12-03T08:00:00.000Z');
    const oneOfTwoBack = aDeliveredOrder('o-8', { returns: [aReturn('r-1', 'refunded', 2, 'withdrawal', 1)] });
    expect(requestReturn(oneOfTwoBack, mugs(1), now).items).toEqual(mugs(1));
    expect(fieldsOf(() => requestReturn(oneOfTwoBack, mugs(2), now))).toEqual(['items.0.quantity']);
    // Still on its way, a return holds every unit it asks.
    expect(fieldsOf(() => requestReturn(aDeliveredOrder('o-8', { returns: [aReturn('r-1', 'approved', 2)] }), mugs(1), now))).toEqual(['items.0.quantity']);
  });

  it('only what was shipped: an unshipped unit of a partly shipped order, a digital good, another product (422 naming each)', () => {
    const partly = aDeliveredOrder('o-3', { status: 'partially_shipped', deliveredAt: undefined, shipments: [{ ...aDeliveredOrder('o-3').shipments![0]!, items: [{ sku: 'MUG-1', quantity: 1 }] }] });
    const now = at('2026-12-03T08:00:00.000Z');
    expect(requestReturn(partly, mugs(1), now).status).toBe('requested');
    expect(
      fieldsOf(() =>
        requestReturn(
          partly,
          [
            { sku: 'MUG-1', quantity: 2, reason: 'defective' },
            { sku: 'EBOOK-1', quantity: 1, reason: 'withdrawal' },
            { sku: 'LAMP-1', quantity: 1, reason: 'other' },
          ],
          now,
        ),
      ),
    ).toEqual(['items.0.quantity', 'items.1.sku', 'items.2.sku']);
  });

  it('an order paid but not shipped, or refunded, has nothing to return (409 naming status)', () => {
    const now = at('2026-12-03T08:00:00.000Z');
    expect(fieldsOf(() => requestReturn(aDeliveredOrder('o-4', { status: 'paid', shipments: [], deliveredAt: undefined }), mugs(1), now))).toEqual(['status']);
    expect(fieldsOf(() => requestReturn(aDeliveredOrder('o-4', { status: 'refunded' }), mugs(1), now))).toEqual(['status']);
  });
});

describe('the return window (14 days from the last delivery, whole days, Paris time)', () => {
  const order = aDeliveredOrder('o-5');

  it('delivered on 1 December: open through 15 December, closed on the 16th (day 15 after delivery → 422)', () => {
    expect(returnWindowEnd(order, 14)?.toISOString()).toBe('2026-12-15T23:00:00.000Z');
    expect(requestReturn(order, mugs(1), at('2026-12-15T22:59:59.999Z')).status).toBe('requested');
    expect(fieldsOf(() => requestReturn(order, mugs(1), at('2026-12-15T23:00:00.000Z')))).toEqual(['items']);
    expect(fieldsOf(() => requestReturn(order, mugs(1), { ...at(DELIVERED_AT), now: new Date(Date.parse(DELIVERED_AT) + 15 * 86_400_000) }))).toEqual(['items']);
  });

  it('counts the days of Paris: a delivery at 00:30 Paris time is on that day, across summer time too', () => {
    expect(returnWindowEnd({ deliveredAt: '2026-12-01T23:30:00.000Z' }, 14)?.toISOString()).toBe('2026-12-16T23:00:00.000Z');
    expect(returnWindowEnd({ deliveredAt: '2026-03-20T10:00:00.000Z' }, 14)?.toISOString()).toBe('2026-04-03T22:00:00.000Z');
    expect(returnWindowEnd({ deliveredAt: '2026-10-20T10:00:00.000Z' }, 14)?.toISOString()).toBe('2026-11-03T23:00:00.000Z');
  });

  it('follows the shop\'s setting, and does not start before everything was delivered', () => {
    expect(requestReturn(order, mugs(1), { ...at('2026-12-20T10:00:00.000Z'), windowDays: 30 }).status).toBe('requested');
    expect(returnWindowEnd({}, 14)).toBeUndefined();
    const shippedOnly = aDeliveredOrder('o-6', { status: 'shipped', deliveredAt: undefined });
    expect(requestReturn(shippedOnly, mugs(1), at('2027-01-30T10:00:00.000Z')).status).toBe('requested');
  });

  it('always ends at a Paris midnight, after the window\'s days and at most a day later', () => {
    const paris = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Paris', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
    fc.assert(
      fc.property(fc.date({ min: new Date('2025-01-01'), max: new Date('2030-12-31'), noInvalidDate: true }), fc.integer({ min: 14, max: 365 }), (delivered, days) => {
        const end = returnWindowEnd({ deliveredAt: delivered.toISOString() }, days)!;
        expect(paris.format(end)).toBe('00:00:00');
        const span = end.getTime() - delivered.getTime();
        // More than the window's days and at most one more, give or take the hour summer time moves.
        expect(span).toBeGreaterThan(days * 86_400_000 - 3_600_000);
        expect(span).toBeLessThanOrEqual((days + 1) * 86_400_000 + 3_600_000);
      }),
    );
  });
});

describe('a return moves as its state machine says', () => {
  const all: ReturnStatus[] = ['requested', 'approved', 'rejected', 'received', 'refunded'];
  const moves = all.flatMap((from) => all.map((to) => [from, to] as const));

  it.each(moves)('%s → %s', (from, to) => {
    const ret = aReturn('r-1', from, 1);
    if (returnTransitions[from].includes(to)) expect(moveReturn(ret, to, { decidedAt: 'now' })).toMatchObject({ status: to, decidedAt: 'now' });
    else expect(fieldsOf(() => moveReturn(ret, to, {}))).toEqual(['status']);
  });
});

describe('what came back', () => {
  const ret = aReturn('r-1', 'approved', 2);

  it('is checked against the return: its products, received ≤ asked, damaged ≤ received, once each, something', () => {
    expect(checkReceived(ret, [{ sku: 'MUG-1', received: 2, damaged: 1 }])).toEqual([{ sku: 'MUG-1', received: 2, damaged: 1 }]);
    expect(fieldsOf(() => checkReceived(ret, [{ sku: 'MUG-1', received: 3, damaged: 0 }]))).toEqual(['items.0.received']);
    expect(fieldsOf(() => checkReceived(ret, [{ sku: 'MUG-1', received: 1, damaged: 2 }]))).toEqual(['items.0.damaged']);
    expect(fieldsOf(() => checkReceived(ret, [{ sku: 'LAMP-1', received: 1, damaged: 0 }]))).toEqual(['items.0.sku']);
    expect(fieldsOf(() => checkReceived(ret, [{ sku: 'MUG-1', received: 1, damaged: 0 }, { sku: 'MUG-1', received: 1, damaged: 0 }]))).toEqual(['items']);
    expect(fieldsOf(() => checkReceived(ret, [{ sku: 'MUG-1', received: 0, damaged: 0 }]))).toEqual(['items']);
  });
});

describe('receiving a return', () => {
  const now = new Date('2026-12-03T10:00:00.000Z');
  const received = receiveGoods(aReturn('r-1', 'approved', 2), [{ sku: 'MUG-1', received: 1, damaged: 1 }], now);

  it('an approved return becomes received with what came back, when it came', () => {
    expect(received).toMatchObject({ status: 'received', receivedAt: now.toISOString(), received: [{ sku: 'MUG-1', received: 1, damaged: 1 }] });
  });

  it('the same receipt again is a retry: the return as it was, received or refunded since', () => {
    const later = new Date('2026-12-04T10:00:00.000Z');
    expect(receiveGoods(received, [{ sku: 'MUG-1', received: 1, damaged: 1 }], later)).toBe(received);
    const refunded = { ...received, status: 'refunded' as const };
    expect(receiveGoods(refunded, [{ sku: 'MUG-1', received: 1, damaged: 1 }], later)).toBe(refunded);
  });

  it('another receipt of a return already received is refused (409 naming items, saying what was received)', () => {
    for (const ret of [received, { ...received, status: 'refunded' as const }]) {
      expect(fieldsOf(() => receiveGoods(ret, [{ sku: 'MUG-1', received: 2, damaged: 0 }], now))).toEqual(['items']);
      expect(() => receiveGoods(ret, [{ sku: 'MUG-1', received: 1, damaged: 0 }], now)).toThrow(/already received on 2026-12-03T10:00:00.000Z \(MUG-1 1 received, 1 damaged\)/);
    }
  });

  it('a retry is held to what a first receipt is: a product not in the return, or listed twice, is a 422 beside the same counts', () => {
    expect(fieldsOf(() => receiveGoods(received, [{ sku: 'MUG-1', received: 1, damaged: 1 }, { sku: 'NOT-IN-RETURN', received: 0, damaged: 0 }], now))).toEqual(['items.1.sku']);
    expect(fieldsOf(() => receiveGoods(received, [{ sku: 'MUG-1', received: 1, damaged: 1 }, { sku: 'MUG-1', received: 0, damaged: 0 }], now))).toEqual(['items']);
  });

  it('a return not approved cannot be received (409 naming status)', () => {
    for (const status of ['requested', 'rejected'] as const) expect(fieldsOf(() => receiveGoods(aReturn('r-1', status, 2), [{ sku: 'MUG-1', received: 1, damaged: 0 }], now))).toEqual(['status']);
  });
});

describe('rejecting a return', () => {
  const now = new Date('2026-12-03T10:00:00.000Z');
  const rejected = rejectWith({ ...aReturn('r-1', 'requested', 1), refundDueBy: '2026-12-16T10:00:00.000Z' }, 'A', now);

  it('a requested return becomes rejected with its reason, when decided, and without its refund deadline', () => {
    expect(rejected).toMatchObject({ status: 'rejected', rejectionReason: 'A', decidedAt: now.toISOString() });
    expect(rejected).not.toHaveProperty('refundDueBy');
  });

  it('the same reason again is a retry: the return as it was', () => {
    expect(rejectWith(rejected, 'A', new Date('2026-12-04T10:00:00.000Z'))).toBe(rejected);
  });

  it('another reason is refused (409 naming status, saying the reason the customer was told)', () => {
    expect(fieldsOf(() => rejectWith(rejected, 'B', now))).toEqual(['status']);
    expect(() => rejectWith(rejected, 'B', now)).toThrow(/already rejected on 2026-12-03T10:00:00.000Z with another reason: "A"/);
  });
});

describe('a refund the bank failed after Stripe reported it succeeded', () => {
  const refunded = { ...aReturn('r-1', 'refunded', 1), refundDueBy: '2026-12-16T10:00:00.000Z', overdueReportedAt: '2026-12-17T10:00:00.000Z' };

  it('owes the refund of the return it refunded again: received, its deadline kept, to be reported again if it passes', () => {
    const owed = refundOwedAgain(aDeliveredOrder('o-1', { returns: [refunded] }), 'r-1');
    expect(owed).toMatchObject({ id: 'r-1', status: 'received', refundDueBy: '2026-12-16T10:00:00.000Z', received: [{ sku: 'MUG-1', received: 1, damaged: 0 }] });
    expect(owed).not.toHaveProperty('overdueReportedAt');
  });

  it('moves no return that is not refunded (a refund failing at once leaves it received), nor an unknown one', () => {
    expect(refundOwedAgain(aDeliveredOrder('o-1', { returns: [aReturn('r-1', 'received', 1)] }), 'r-1')).toBeUndefined();
    expect(refundOwedAgain(aDeliveredOrder('o-1', { returns: [refunded] }), 'r-2')).toBeUndefined();
  });
});

describe('everything given back (the delivery cost is refunded too)', () => {
  it('holds when every physical unit comes back as a withdrawal or not conforming, over several returns, rejected ones aside; not when one came back for other reasons', () => {
    const order = aDeliveredOrder('o-7', { returns: [aReturn('r-1', 'refunded', 1), aReturn('r-2', 'rejected', 1)] });
    expect(everythingGivenBack(order, aReturn('r-3', 'received', 1))).toBe(true);
    expect(everythingGivenBack(order, aReturn('r-1', 'received', 1))).toBe(false);
    expect(everythingGivenBack(aDeliveredOrder('o-7', { returns: [aReturn('r-1', 'refunded', 1, 'defective')] }), aReturn('r-3', 'received', 1, 'not_as_described'))).toBe(true);
    expect(everythingGivenBack(aDeliveredOrder('o-7', { returns: [aReturn('r-1', 'refunded', 1, 'other')] }), aReturn('r-3', 'received', 1))).toBe(false);
  });

  it('counts the units that came back, not those asked: a unit not received, or a return still on its way, stays with the customer', () => {
    expect(everythingGivenBack(aDeliveredOrder('o-9'), aReturn('r-1', 'received', 2, 'withdrawal', 1))).toBe(false);
    const oneOnItsWay = aDeliveredOrder('o-9', { returns: [aReturn('r-1', 'approved', 1)] });
    expect(everythingGivenBack(oneOnItsWay, aReturn('r-2', 'received', 1))).toBe(false);
    const oneBackBefore = aDeliveredOrder('o-9', { returns: [aReturn('r-1', 'refunded', 2, 'withdrawal', 1)] });
    expect(everythingGivenBack(oneBackBefore, aReturn('r-2', 'received', 1))).toBe(true);
  });

  it('counts the units the shop cancelled before they shipped as given up: the one shipped back is a full withdrawal', () => {
    const partlyCancelled = aDeliveredOrder('o-10', {
      cancelledUnits: [{ sku: 'MUG-1', quantity: 1 }],
      shipments: [{ ...aDeliveredOrder('o-10').shipments![0]!, items: [{ sku: 'MUG-1', quantity: 1 }] }],
    });
    expect(everythingGivenBack(partlyCancelled, aReturn('r-1', 'received', 1))).toBe(true);
    expect(everythingGivenBack(partlyCancelled)).toBe(false);
    expect(everythingGivenBack({ ...partlyCancelled, returns: [aReturn('r-1', 'refunded', 1)] })).toBe(true);
    expect(everythingGivenBack(aDeliveredOrder('o-10'), aReturn('r-1', 'received', 1))).toBe(false);
  });
});

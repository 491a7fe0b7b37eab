import { describe, expect, it } from 'vitest';
import { matchesPattern } from '../../../infra/local/event-pattern';
import { rules } from '#wiring';

const event = (detailType: string, source: string, data: object) => ({ source, 'detail-type': detailType, detail: { metadata: {}, data } });

describe('EventBridge pattern matching', () => {
  it("routes the wiring's rules as EventBridge would", () => {
    const payment = rules['payment-events'].pattern;
    expect(matchesPattern(payment, event('PaymentSucceeded', 'commerce.payments', {}))).toBe(true);
    expect(matchesPattern(payment, event('PaymentSucceeded', 'commerce.orders', {}))).toBe(false);
    expect(matchesPattern(payment, event('OrderPaid', 'commerce.payments', {}))).toBe(false);
    const low = rules['stock-low'].pattern;
    expect(matchesPattern(low, event('StockChanged', 'commerce.inventory', { low: true }))).toBe(true);
    expect(matchesPattern(low, event('StockChanged', 'commerce.inventory', { low: false }))).toBe(false);
    expect(matchesPattern(low, event('StockChanged', 'commerce.inventory', {}))).toBe(false);
  });

  it('implements prefix, anything-but, numeric and exists', () => {
    const e = { source: 'commerce.orders', detail: { total: 120, country: 'FR', tags: ['gift', 'eu'] } };
    expect(matchesPattern({ source: [{ prefix: 'commerce.' }] }, e)).toBe(true);
    expect(matchesPattern({ source: [{ prefix: 'shop.' }] }, e)).toBe(false);
    expect(matchesPattern({ detail: { country: [{ 'anything-but': ['US', 'CA'] }] } }, e)).toBe(true);
    expect(matchesPattern({ detail: { country: [{ 'anything-but': 'FR' }] } }, e)).toBe(false);
    expect(matchesPattern({ detail: { total: [{ numeric: ['>', 100, '<=', 200] }] } }, e)).toBe(true);
    expect(matchesPattern({ detail: { total: [{ numeric: ['>', 120] }] } }, e)).toBe(false);
    expect(matchesPattern({ detail: { coupon: [{ exists: false }] } }, e)).toBe(true);
    expect(matchesPattern({ detail: { country: [{ exists: false }] } }, e)).toBe(false);
    expect(matchesPattern({ detail: { country: [{ exists: true }] } }, e)).toBe(true);
    // An array in the event matches if any element does.
    expect(matchesPattern({ detail: { tags: ['eu'] } }, e)).toBe(true);
    expect(matchesPattern({ detail: { tags: ['us'] } }, e)).toBe(false);
  });
});

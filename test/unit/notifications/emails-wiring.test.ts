import { describe, expect, it } from 'vitest';
import { emails } from '#notifications/app/emails/all';
import { LEASE_SECONDS } from '#notifications/app/send-event-emails';
import { functions, queues, rules } from '#wiring';

describe('the emails and the wiring', () => {
  it('has the notifications queue consume exactly the events some email tells, unfiltered', () => {
    const told = new Set(emails.map((email) => `${email.event.source}/${email.event.name}`));
    const consumed = queues.notifications.consumes.map((contract) => `${contract.source}/${contract.name}`);
    expect(new Set(consumed)).toEqual(told);
    expect(consumed).toHaveLength(told.size);
    expect(Object.keys(rules.notifications.pattern).sort()).toEqual(['detail-type', 'source']);
  });

  it('holds a lease on an email longer than the worker may run, and brings a refused copy back after the lease', () => {
    // A copy stopped by its timeout never sends after its lease ran out; a retried copy finds the lease gone.
    expect(functions.notifications.timeoutSeconds).toBeLessThan(LEASE_SECONDS);
    expect(queues.notifications.visibilityTimeoutSeconds).toBeGreaterThan(LEASE_SECONDS);
  });

  it('names each email once, in letters SES accepts as a tag value', async () => {
    const names = (await Promise.all(emails.map((email) => email.load()))).map((email) => email.template);
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) expect(name).toMatch(/^[a-z][a-z0-9-]{0,63}$/);
    expect(names).toEqual([
      'order-confirmation',
      'order-shipped',
      'order-delivered',
      'downloads-ready',
      'stock-low',
      'return-requested',
      'return-instructions',
      'return-rejected',
      'return-received',
      'refund-issued',
      'refund-failed',
      'refund-overdue',
    ]);
  });
});

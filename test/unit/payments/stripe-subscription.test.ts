import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { subscribedStripeEvents } from '#payments/adapters/stripe-webhook';

const readme = readFileSync(path.join(import.meta.dirname, '../../../README.md'), 'utf8');

describe('the Stripe events a deployed webhook subscribes to', () => {
  // The deploying team registers the endpoint by hand, from the README: a missing event is a
  // refund or payment never settled; an extra one is a request and an invocation for nothing.
  const sentence = /register the webhook in Stripe's dashboard[\s\S]*?:\n/.exec(readme)?.[0] ?? '';

  it('are the ones the README tells the deploying team to register, no more, no fewer', () => {
    const named = [...sentence.matchAll(/`([a-z_]+\.[a-z_.]+)`/g)].map((m) => m[1]);
    expect(named.sort()).toEqual([...subscribedStripeEvents].sort());
  });

  it('include the payment outcomes and the refund news', () => {
    expect(subscribedStripeEvents).toEqual(expect.arrayContaining(['payment_intent.succeeded', 'payment_intent.payment_failed', 'refund.updated', 'refund.failed']));
  });
});

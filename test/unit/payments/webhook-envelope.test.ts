import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import type { APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { signPayload } from '../../../infra/local/stripe-emulator/webhooks';
import { httpEvent } from '../../fixtures/http-event';

const secret = 'whsec_unit_test';
const eventBridge = mockClient(EventBridgeClient);
let handler: (event: unknown, context: Context) => Promise<APIGatewayProxyStructuredResultV2>;

beforeAll(async () => {
  Object.assign(process.env, { EVENT_BUS_NAME: 'commerce', STRIPE_SECRET_KEY: 'sk_test_unit', STRIPE_WEBHOOK_SECRET: secret });
  ({ handler } = (await import('../../../functions/stripe-webhook/handler')) as unknown as { handler: typeof handler });
  vi.useFakeTimers({ toFake: ['Date'] });
});
afterAll(() => vi.useRealTimers());
beforeEach(() => {
  eventBridge.reset();
  eventBridge.on(PutEventsCommand).resolves({ FailedEntryCount: 0, Entries: [{ EventId: 'e-1' }] });
});

/** Stripe created the event at 10:00:00; it is delivered later, and again later still. */
const CREATED = Date.parse('2026-12-03T10:00:00.000Z');
const stripeEvent = (type: string, object: object) => JSON.stringify({ id: 'evt_3Envelope', object: 'event', created: CREATED / 1000, type, data: { object } });

/** One delivery at `at`, signed then (Stripe signs each delivery anew), as its own HTTP request. */
const deliverAt = async (body: string, at: string, requestId: string) => {
  vi.setSystemTime(Date.parse(at));
  const event = httpEvent('POST', '/webhooks/stripe', { body, headers: { 'stripe-signature': signPayload(body, secret), 'x-correlation-id': requestId } });
  expect((await handler(event, {} as Context)).statusCode).toBe(200);
  const entries = eventBridge.commandCalls(PutEventsCommand).at(-1)!.args[0].input.Entries!;
  return entries.map(({ Source, DetailType, Detail, Time }) => ({ Source, DetailType, Detail: JSON.parse(Detail!) as { metadata: object }, Time }));
};

describe('a Stripe webhook delivered again', () => {
  it('makes the same envelope: its id from the Stripe event, its time when Stripe created it, its correlation the Stripe event id', async () => {
    const body = stripeEvent('payment_intent.succeeded', { id: 'pi_1', object: 'payment_intent', amount: 2500, amount_received: 2500, currency: 'eur', metadata: { orderId: 'ord_0123456789' } });
    const first = await deliverAt(body, '2026-12-03T10:00:01.497Z', 'req-first');
    const again = await deliverAt(body, '2026-12-03T10:01:30.772Z', 'req-again');
    expect(again).toEqual(first);
    expect(first).toEqual([
      expect.objectContaining({
        DetailType: 'PaymentSucceeded',
        Time: new Date(CREATED),
        Detail: expect.objectContaining({ metadata: { eventId: 'stripe-evt_3Envelope', version: 1, occurredAt: '2026-12-03T10:00:00.000Z', correlationId: 'evt_3Envelope' } }),
      }),
    ]);
  });

  it('the same for a refund Stripe reports', async () => {
    const body = stripeEvent('refund.updated', { id: 're_1', object: 'refund', amount: 1200, currency: 'eur', status: 'succeeded', metadata: { orderId: 'ord_0123456789', refundId: 'rf-1' } });
    const first = await deliverAt(body, '2026-12-03T10:00:02.000Z', 'req-first');
    expect(await deliverAt(body, '2026-12-03T10:02:00.000Z', 'req-again')).toEqual(first);
    expect(first[0]?.Detail.metadata).toEqual({ eventId: 'stripe-re_1-succeeded', version: 1, occurredAt: '2026-12-03T10:00:00.000Z', correlationId: 'evt_3Envelope' });
  });
});

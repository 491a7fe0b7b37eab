import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import type { APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { signPayload } from '../../../infra/local/stripe-emulator/webhooks';
import { httpEvent } from '../../fixtures/http-event';

const secret = 'whsec_unit_test';
const eventBridge = mockClient(EventBridgeClient);
let handler: (event: unknown, context: Context) => Promise<APIGatewayProxyStructuredResultV2>;

beforeAll(async () => {
  Object.assign(process.env, { EVENT_BUS_NAME: 'commerce', STRIPE_SECRET_KEY: 'sk_test_unit', STRIPE_WEBHOOK_SECRET: secret });
  ({ handler } = (await import('../../../functions/stripe-webhook/handler')) as unknown as { handler: typeof handler });
});
beforeEach(() => eventBridge.reset());

const succeeded = JSON.stringify({
  id: 'evt_1',
  object: 'event',
  created: Math.floor(Date.now() / 1000),
  type: 'payment_intent.succeeded',
  data: { object: { id: 'pi_1', object: 'payment_intent', amount: 2500, amount_received: 2500, currency: 'eur', metadata: { orderId: 'ord_0123456789' } } },
});
const deliver = () =>
  handler(httpEvent('POST', '/webhooks/stripe', { body: succeeded, headers: { 'stripe-signature': signPayload(succeeded, secret) } }), {} as Context);

describe('the Stripe webhook when the bus fails', () => {
  it('answers 200 once PutEvents has taken the event', async () => {
    eventBridge.on(PutEventsCommand).resolves({ FailedEntryCount: 0, Entries: [{ EventId: 'e-1' }] });
    expect((await deliver()).statusCode).toBe(200);
    expect(eventBridge.commandCalls(PutEventsCommand)[0]!.args[0].input.Entries![0]).toMatchObject({ DetailType: 'PaymentSucceeded', EventBusName: 'commerce' });
  });

  it('answers 5xx when PutEvents reports a failed entry, so that Stripe retries', async () => {
    eventBridge.on(PutEventsCommand).resolves({ FailedEntryCount: 1, Entries: [{ ErrorCode: 'InternalFailure', ErrorMessage: 'try again' }] });
    const reply = await deliver();
    expect(reply.statusCode).toBe(500);
    expect(reply.headers?.['content-type']).toContain('application/problem+json');
    expect(reply.body).not.toContain('InternalFailure'); // the cause stays in the logs
  });

  it('answers 5xx when PutEvents is throttled', async () => {
    eventBridge.on(PutEventsCommand).rejects(Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' }));
    expect((await deliver()).statusCode).toBe(500);
  });
});

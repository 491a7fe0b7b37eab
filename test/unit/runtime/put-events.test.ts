import { EventBridgeClient, PutEventsCommand, type PutEventsCommandInput } from '@aws-sdk/client-eventbridge';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { StockChanged } from '#catalog/contracts/events';
import { eventOf } from '#kernel/events';
import { createEventBridgePublisher } from '#runtime/event-publisher';
import { outboxEntry } from '#runtime/outbox';
import { callsOf, entrySize, MAX_CALL_BYTES, putEvents } from '#runtime/put-events';

const eventBridge = mockClient(EventBridgeClient);
const client = new EventBridgeClient({ region: 'eu-west-3' });
beforeEach(() => eventBridge.reset());

const entry = (n: number) =>
  outboxEntry(eventOf(StockChanged, { sku: `SKU-${n}`, previous: 5, available: 4, reason: 'adjustment', low: true }), {
    eventId: `event-${n}`,
    correlationId: 'c',
    now: new Date('2026-11-25T10:00:00Z'),
  });
const idsSent = (call: number) =>
  ((eventBridge.commandCalls(PutEventsCommand)[call]!.args[0].input as PutEventsCommandInput).Entries ?? []).map(
    (e) => (JSON.parse(e.Detail!) as { metadata: { eventId: string } }).metadata.eventId,
  );

describe('publishing to EventBridge when PutEvents fails in part', () => {
  it('sends again only the entries that failed, with the same event ids, never an accepted one', async () => {
    eventBridge
      .on(PutEventsCommand)
      .resolvesOnce({ FailedEntryCount: 1, Entries: [{ EventId: 'a' }, { ErrorCode: 'InternalFailure', ErrorMessage: 'boom' }, { EventId: 'c' }] })
      .resolves({ FailedEntryCount: 0, Entries: [{ EventId: 'b' }] });
    const { failed } = await putEvents(client, 'commerce', [entry(1), entry(2), entry(3)], { backoffMs: 1 });
    expect(failed).toEqual([]);
    expect(idsSent(0)).toEqual(['event-1', 'event-2', 'event-3']);
    expect(idsSent(1)).toEqual(['event-2']);
    expect(eventBridge.commandCalls(PutEventsCommand)).toHaveLength(2);
  });

  it('gives back what still fails after its attempts, and treats a throwing call as all of its batch failed', async () => {
    eventBridge.on(PutEventsCommand).rejects(new Error('ThrottlingException'));
    const { failed, errors } = await putEvents(client, 'commerce', [entry(1), entry(2)], { attempts: 2, backoffMs: 1 });
    expect(failed.map((e) => e.eventId)).toEqual(['event-1', 'event-2']);
    expect(errors[0]).toMatch(/ThrottlingException/);
    expect(eventBridge.commandCalls(PutEventsCommand)).toHaveLength(2);
  });

  it('sends at most ten entries a call', async () => {
    eventBridge.on(PutEventsCommand).callsFake((input: PutEventsCommandInput) => ({ FailedEntryCount: 0, Entries: (input.Entries ?? []).map((_, i) => ({ EventId: String(i) })) }));
    await putEvents(client, 'commerce', Array.from({ length: 23 }, (_, i) => entry(i)));
    expect(eventBridge.commandCalls(PutEventsCommand).map((c) => c.args[0].input.Entries?.length)).toEqual([10, 10, 3]);
  });

  it('sends at most 256 KB a call (EventBridge refuses a larger one whole): ten events of large orders go in more calls; one over 256 KB alone is never sent, and reported', async () => {
    eventBridge.on(PutEventsCommand).callsFake((input: PutEventsCommandInput) => ({ FailedEntryCount: 0, Entries: (input.Entries ?? []).map((_, i) => ({ EventId: String(i) })) }));
    const large = (n: number, kb: number) => ({ ...entry(n), detail: JSON.stringify({ metadata: { eventId: `event-${n}` }, data: { padding: 'x'.repeat(kb * 1024) } }) });
    const entries = [...Array.from({ length: 10 }, (_, i) => large(i, 60)), large(10, 300), entry(11)];
    const { failed, errors } = await putEvents(client, 'commerce', entries);
    const calls = eventBridge.commandCalls(PutEventsCommand).map((c) => c.args[0].input.Entries!);
    expect(calls.map((c) => c.length)).toEqual([4, 4, 3]);
    for (const call of calls) expect(call.reduce((sum, e) => sum + 14 + Buffer.byteLength(e.Source!) + Buffer.byteLength(e.DetailType!) + Buffer.byteLength(e.Detail!), 0)).toBeLessThanOrEqual(MAX_CALL_BYTES);
    expect(calls.flat().map((e) => (JSON.parse(e.Detail!) as { metadata: { eventId: string } }).metadata.eventId)).toEqual([...Array.from({ length: 10 }, (_, i) => `event-${i}`), 'event-11']);
    expect(failed.map((e) => e.eventId)).toEqual(['event-10']);
    expect(errors).toEqual([expect.stringContaining('event-10: over EventBridge')]);
    // The size is EventBridge's count: 14 bytes of Time and the UTF-8 bytes of Source, DetailType and Detail.
    const accented = { ...entry(1), detail: '{"é":1}' };
    expect(entrySize(accented)).toBe(14 + accented.source.length + 'StockChanged'.length + 8); // é is 2 bytes
    expect(callsOf([accented]).calls).toEqual([[accented]]);
  });

  it('lets a publisher derive the event id and time from the fact (a Stripe event), so a redelivery is the same fact', async () => {
    eventBridge.on(PutEventsCommand).resolves({ FailedEntryCount: 0, Entries: [{ EventId: 'x' }] });
    const publisher = createEventBridgePublisher(client, 'commerce');
    const event = eventOf(StockChanged, { sku: 'A', previous: 1, available: 0, reason: 'adjustment', low: true }, { eventId: 'stripe-evt_123', occurredAt: '2026-12-03T10:00:00.000Z' });
    await publisher.publish([event], 'c');
    await publisher.publish([event], 'c');
    expect([idsSent(0), idsSent(1)]).toEqual([['stripe-evt_123'], ['stripe-evt_123']]);
    const occurredAt = (call: number) => (JSON.parse(eventBridge.commandCalls(PutEventsCommand)[call]!.args[0].input.Entries![0]!.Detail!) as { metadata: { occurredAt: string } }).metadata.occurredAt;
    expect([occurredAt(0), occurredAt(1)]).toEqual(['2026-12-03T10:00:00.000Z', '2026-12-03T10:00:00.000Z']);
  });

  it('refuses to publish data that breaks its contract', () => {
    expect(() => outboxEntry(eventOf(StockChanged, { sku: 'A' } as never), { eventId: 'e', correlationId: 'c', now: new Date() })).toThrow();
  });
});

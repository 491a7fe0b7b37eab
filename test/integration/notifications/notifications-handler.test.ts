import { SendEmailCommand, SESv2Client, type SendEmailCommandInput } from '@aws-sdk/client-sesv2';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { StockLow } from '#catalog/contracts/events';
import type { EventContract } from '#kernel/events';
import { OrderPaid } from '#ordering/contracts/events';
import { createOrderTokens } from '#ordering/index';
import { RefundIssued, RefundOverdue, ReturnApproved } from '#returns/contracts/events';
import { signingKey } from '#runtime/signing';
import { createSettingsStore } from '#settings/adapters/settings-store';
import { aShop } from '../../fixtures/settings';
import { freshTables } from '../../support/dynamo';
import { aDeliveredOrder, aPartlyRefundedOrder, refundIssued, refundOverdue, returnApproved } from '../../unit/notifications/after-sales-fixtures';
import { aPaidOrder, orderPaid, stockLow } from '../../unit/notifications/fixtures';

/**
 * The notifications worker as Lambda runs it: SQS batches in, SES v2 out (mocked), DynamoDB Local
 * for the memory of sent emails and the settings.
 */
const ses = mockClient(SESv2Client);
let handler: (event: SQSEvent, context: Context) => Promise<SQSBatchResponse>;
let failing: string | undefined;
const sent: SendEmailCommandInput[] = [];

beforeAll(async () => {
  const { db, names } = await freshTables();
  Object.assign(process.env, { SHOP_EMAIL: 'env-shop@example.com', MAIL_FROM: 'env-from@example.com' });
  await createSettingsStore(db, names.domain).save({
    ...aShop(),
    email: { from: 'boutique@atelier-lumiere.fr', replyTo: 'contact@atelier-lumiere.fr', configurationSet: 'commerce-emails' },
    apiUrl: 'https://api.atelier-lumiere.fr/',
    updatedAt: '2026-11-24T09:00:00.000Z',
  });
  ({ handler } = (await import('../../../functions/notifications/handler')) as unknown as { handler: typeof handler });
});

beforeEach(() => {
  ses.reset();
  failing = undefined;
  sent.length = 0;
  ses.on(SendEmailCommand).callsFake((input: SendEmailCommandInput) => {
    const template = input.EmailTags?.find((t) => t.Name === 'template')?.Value;
    if (template === failing) throw Object.assign(new Error('Maximum sending rate exceeded'), { name: 'TooManyRequestsException' });
    sent.push(input);
    return { MessageId: `m-${sent.length}` };
  });
});

let messages = 0;
const record = (contract: EventContract, eventId: string, data: unknown): SQSRecord =>
  ({
    messageId: `msg-${++messages}`,
    body: JSON.stringify({
      source: contract.source,
      'detail-type': contract.name,
      detail: { metadata: { eventId, version: contract.version, occurredAt: '2026-11-24T10:05:00.000Z', correlationId: `corr-${eventId}` }, data },
    }),
  }) as SQSRecord;
const batch = (...records: SQSRecord[]): SQSEvent => ({ Records: records });
const templateOf = (input: SendEmailCommandInput) => input.EmailTags?.find((t) => t.Name === 'template')?.Value;

describe('the notifications worker', () => {
  it('sends from the settings, both parts, tagged, with the link to the invoice PDF that the order token opens', async () => {
    const order = aPaidOrder('order-h00001', 'en');
    const reply = await handler(batch(record(OrderPaid, 'evt-h1', orderPaid(order))), {} as Context);
    expect(reply.batchItemFailures).toEqual([]);
    expect(sent).toHaveLength(1);
    const input = sent[0]!;
    expect(input).toMatchObject({
      FromEmailAddress: 'boutique@atelier-lumiere.fr',
      ReplyToAddresses: ['contact@atelier-lumiere.fr'],
      ConfigurationSetName: 'commerce-emails',
      Destination: { ToAddresses: ['camille@example.fr'] },
      EmailTags: [
        { Name: 'template', Value: 'order-confirmation' },
        { Name: 'eventId', Value: 'evt-h1' },
      ],
    });
    const token = createOrderTokens(signingKey(String(process.env.SIGNING_SECRET))).issue(order.id);
    expect(input.Content?.Simple?.Subject?.Data).toBe('Your order 2026-h00001 is confirmed');
    expect(input.Content?.Simple?.Body?.Text?.Data).toContain(`https://api.atelier-lumiere.fr/orders/order-h00001/invoice.pdf?token=${token}`);
    expect(input.Content?.Simple?.Body?.Html?.Data).toContain('<html lang="en">');
  });

  it("sends the low-stock alert to the seller's address from the settings", async () => {
    await handler(batch(record(StockLow, 'evt-h2', stockLow())), {} as Context);
    expect(sent.map((s) => s.Destination?.ToAddresses)).toEqual([['compta@atelier-lumiere.fr']]);
  });

  it('fails only the record whose send failed; the retry of the whole batch sends that email alone, once', async () => {
    failing = 'order-confirmation';
    const records = [record(StockLow, 'evt-h3', stockLow({ sku: 'TEAPOT-CAST-IRON', name: 'Théière' })), record(OrderPaid, 'evt-h4', orderPaid(aPaidOrder('order-h00004')))];
    const first = await handler(batch(...records), {} as Context);
    expect(first.batchItemFailures).toEqual([{ itemIdentifier: records[1]!.messageId }]);
    expect(sent.map(templateOf)).toEqual(['stock-low']);
    failing = undefined;
    // A retry that brings both back (Lambda retried the batch, or the first came again).
    const retry = await handler(batch(...records), {} as Context);
    expect(retry.batchItemFailures).toEqual([]);
    expect(sent.map(templateOf)).toEqual(['stock-low', 'order-confirmation']);
  });

  it('sends one email for two copies of an event in one batch (run at once): the other copy is retried and sends nothing', async () => {
    const data = orderPaid(aPaidOrder('order-h00005', 'fr'));
    const copies = [record(OrderPaid, 'evt-h5', data), record(OrderPaid, 'evt-h5', data)];
    const reply = await handler(batch(...copies), {} as Context);
    // Powertools runs a batch's records concurrently: the copy that finds the lease held fails, to
    // come back later (unless the other had already finished: it then finds the email sent).
    expect(reply.batchItemFailures.length).toBeLessThanOrEqual(1);
    const retried = copies.filter((c) => reply.batchItemFailures.some((f) => f.itemIdentifier === c.messageId));
    if (retried.length > 0) expect((await handler(batch(...retried), {} as Context)).batchItemFailures).toEqual([]);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.Content?.Simple?.Subject?.Data).toBe('Confirmation de votre commande n° 2026-h00005');
  });

  it('emails the return instructions with the seller address from the settings, and the refund with its credit note link that the order token opens, each once', async () => {
    const approved = record(ReturnApproved, 'evt-h6', returnApproved(aDeliveredOrder('order-h00006', 'fr')));
    const refunded = record(RefundIssued, 'evt-h7', refundIssued(aPartlyRefundedOrder('order-h00006', 'fr')));
    expect((await handler(batch(approved, refunded), {} as Context)).batchItemFailures).toEqual([]);
    // Webhooks and the bus deliver twice: the same facts again send nothing.
    expect((await handler(batch(refunded, approved), {} as Context)).batchItemFailures).toEqual([]);
    expect(sent.map(templateOf).sort()).toEqual(['refund-issued', 'return-instructions']);
    const bodyOf = (template: string) => sent.find((s) => templateOf(s) === template)?.Content?.Simple?.Body?.Text?.Data ?? '';
    expect(bodyOf('return-instructions')).toContain('Atelier Lumière\n3 quai des Chartrons\n33000 Bordeaux\nFrance');
    const token = createOrderTokens(signingKey(String(process.env.SIGNING_SECRET))).issue('order-h00006');
    expect(bodyOf('refund-issued')).toContain(`https://api.atelier-lumiere.fr/orders/order-h00006/credit-notes/A2026-000007.pdf?token=${token}`);
  });

  it("sends the overdue-refund alert to the seller's address from the settings", async () => {
    await handler(batch(record(RefundOverdue, 'evt-h8', refundOverdue(aDeliveredOrder('order-h00008', 'en')))), {} as Context);
    expect(sent.map((s) => [templateOf(s), s.Destination?.ToAddresses])).toEqual([['refund-overdue', ['compta@atelier-lumiere.fr']]]);
  });
});

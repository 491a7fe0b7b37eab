import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Ajv04 from 'ajv-draft-04';
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { StockChanged, StockLow } from '#catalog/contracts/events';
import { OrderPaid } from '#ordering/contracts/events';
import { orderSnapshot } from '#ordering/index';
import { CreditNoteCancelled, CreditNoteIssued } from '#returns/contracts/events';
import { anInvoicedOrder } from '../returns/credit-note-fixtures';
import { defineEvent } from '#kernel/events';
import { MoneySchema } from '#kernel/schemas';
import { eventCatalog, eventJsonSchema } from '#runtime/event-catalog';
import { eventContracts } from '#wiring';

/** A validator as a consumer would build one: draft-04, strict about the schema itself. */
const draft04 = () => {
  // The patterns zod writes beside `format` already check date-times and emails.
  const ajv = new Ajv04({ strict: true, allErrors: true, validateFormats: false });
  ajv.addVocabulary(['x-amazon-events-source', 'x-amazon-events-detail-type']);
  return ajv;
};

/** A StockChanged event exactly as EventBridge hands it to a rule's target. */
const stockChanged = () => ({
  version: '0',
  id: '6a7e8feb-b491-4cf7-a9f1-bf3703467718',
  'detail-type': 'StockChanged',
  source: 'commerce.inventory',
  account: '123456789012',
  time: '2026-03-01T10:00:00Z',
  region: 'eu-west-3',
  resources: [],
  detail: {
    metadata: { eventId: 'evt-1', version: 1, occurredAt: '2026-03-01T10:00:00.000Z', correlationId: 'req-1' },
    data: { sku: 'MUG-ENAMEL-BLUE', previous: 6, available: 5, reason: 'order_placed', low: true },
  },
});

describe('the event catalog', () => {
  const validate = draft04().compile(eventJsonSchema(StockChanged));

  it('accepts a real EventBridge event, envelope included', () => {
    expect(validate(stockChanged()), JSON.stringify(validate.errors)).toBe(true);
  });

  it('accepts fields added later, at any depth (additive change), and a replay’s replay-name', () => {
    const event = { ...stockChanged(), 'replay-name': 'replay-1' };
    Object.assign(event.detail.data, { warehouse: 'PARIS-1' });
    Object.assign(event.detail.metadata, { traceId: 'abc' });
    expect(validate(event), JSON.stringify(validate.errors)).toBe(true);
  });

  it('stays open where the contract is strict: only its producer adds fields, and consumers must not break', () => {
    const Strict = defineEvent({ name: 'TestStrict', source: 'commerce.test', version: 1, description: 'test', schema: () => z.strictObject({ money: MoneySchema }) });
    const strict = draft04().compile(eventJsonSchema(Strict));
    const event = { ...stockChanged(), 'detail-type': 'TestStrict', source: 'commerce.test' };
    event.detail = { ...event.detail, data: { money: { amount: 100, currency: 'EUR', precision: 2 }, note: 'new' } as never };
    expect(strict(event), JSON.stringify(strict.errors)).toBe(true);
  });

  it('refuses another detail-type or source, a missing envelope field, a wrong data field, another version', () => {
    expect(validate({ ...stockChanged(), 'detail-type': 'StockLow' })).toBe(false);
    expect(validate({ ...stockChanged(), source: 'commerce.orders' })).toBe(false);
    const { account: _, ...withoutAccount } = stockChanged();
    expect(validate(withoutAccount)).toBe(false);
    const wrongData = stockChanged();
    Object.assign(wrongData.detail.data, { available: 'five' });
    expect(validate(wrongData)).toBe(false);
    const nextVersion = stockChanged();
    nextVersion.detail.metadata.version = 2;
    expect(validate(nextVersion)).toBe(false);
    expect(validate({ ...stockChanged(), time: 'yesterday' })).toBe(false);
  });

  it('is draft-04, with the keys the Schema Registry writes, and compiles for every contract', () => {
    const catalog = eventCatalog();
    expect(catalog.map((entry) => entry.file)).toEqual(eventContracts.map((c) => `${c.name}.json`));
    for (const { contract, schema } of catalog) {
      expect(schema).toMatchObject({
        $schema: 'http://json-schema.org/draft-04/schema#',
        title: contract.name,
        'x-amazon-events-source': contract.source,
        'x-amazon-events-detail-type': contract.name,
        required: ['version', 'id', 'detail-type', 'source', 'account', 'time', 'region', 'resources', 'detail'],
      });
      expect(() => draft04().compile(schema), contract.name).not.toThrow();
      expect(JSON.stringify(schema)).not.toContain('"additionalProperties":false');
    }
  });

  it('names each event as a fact, in PascalCase and the past tense, from a source commerce.<context>', () => {
    // API.md fixes these three names, which state a condition rather than an act.
    const conditions = ['PaymentNeedsReview', 'RefundOverdue', 'StockLow'];
    for (const { name, source } of eventContracts) {
      expect(name).toMatch(/^(?:[A-Z][a-z]+)+$/);
      expect(source).toMatch(/^commerce\.[a-z]+$/);
      // A past participle: OrderPlaced, OrderPaid, PaymentRefundedLate.
      if (!conditions.includes(name)) expect(name).toMatch(/(?:[a-z]ed|Paid)(?:[A-Z][a-z]+)?$/);
    }
  });

  it('`npm run events:catalog` writes one <detail-type>.json per event and nothing else', () => {
    const dir = mkdtempSync(join(tmpdir(), 'events-catalog-'));
    writeFileSync(join(dir, 'OldEvent.v1.schema.json'), '{}');
    const run = spawnSync('node_modules/.bin/tsx', ['shared/runtime/write-event-catalog.ts', dir], { encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(0);
    expect(readdirSync(dir).sort()).toEqual(eventContracts.map((c) => `${c.name}.json`).sort());
    expect(JSON.parse(readFileSync(join(dir, 'StockChanged.json'), 'utf8'))).toEqual(eventJsonSchema(StockChanged));
    rmSync(dir, { recursive: true });
  });

  describe('delta and availableAsOf, added in place to StockChanged and StockLow (version 1)', () => {
    const withData = (detailType: string, data: unknown) => ({ ...stockChanged(), 'detail-type': detailType, detail: { ...stockChanged().detail, data } });
    const sold = { sku: 'MUG-ENAMEL-BLUE', previous: 1, available: 0, delta: -1, availableAsOf: 'report', reason: 'order_placed', low: true };

    it('StockChanged: the exact delta and what its counts are, and an event published before them, without', () => {
      const validate = draft04().compile(eventJsonSchema(StockChanged));
      expect(StockChanged.schema.parse(sold)).toEqual(sold);
      expect(validate(withData('StockChanged', sold)), JSON.stringify(validate.errors)).toBe(true);
      expect(validate(stockChanged()), JSON.stringify(validate.errors)).toBe(true);
      expect(validate(withData('StockChanged', { ...sold, availableAsOf: 'exact' }))).toBe(false);
      expect(validate(withData('StockChanged', { ...sold, delta: -0.5 }))).toBe(false);
      // The catalogue says what a consumer may rely on, field by field.
      const data = (eventJsonSchema(StockChanged) as { properties: { detail: { properties: { data: { properties: Record<string, { description?: string }> } } } } }).properties.detail.properties.data.properties;
      expect(data.delta?.description).toMatch(/Exact/);
      expect(data.availableAsOf?.description).toMatch(/`report`: the stock as read when the change was reported/);
      expect(StockChanged.description).toMatch(/`previous` is only `available - delta`/);
    });

    it('StockLow: what its available is, and an event published before it, without', () => {
      const validate = draft04().compile(eventJsonSchema(StockLow));
      const low = { sku: 'MUG-ENAMEL-BLUE', name: 'Mug', available: 3, reorderPoint: 3 };
      expect(validate(withData('StockLow', { ...low, availableAsOf: 'change' })), JSON.stringify(validate.errors)).toBe(true);
      expect(validate(withData('StockLow', low)), JSON.stringify(validate.errors)).toBe(true);
      expect(validate(withData('StockLow', { ...low, availableAsOf: 'later' }))).toBe(false);
    });
  });

  describe('VAT per rate, added in place to OrderPaid and CreditNoteIssued (version 1)', () => {
    const eur = (amount: number) => ({ amount, currency: 'EUR' as const });
    const busEvent = (detailType: string, source: string, data: unknown) => ({ ...stockChanged(), 'detail-type': detailType, source, detail: { ...stockChanged().detail, data } });
    const order = anInvoicedOrder();
    const paid = { order: { ...orderSnapshot(order), invoiceNumber: 'F2026-000042', paidAt: '2026-11-24T10:05:00.000Z' } };
    const note = {
      number: 'A2026-000007', invoiceNumber: 'F2026-000042', invoiceDate: '2026-11-24T10:05:00.000Z', issuedAt: '2026-12-03T15:20:00.000Z', refundId: 'refund-1', currency: 'EUR',
      totals: { excludingTax: eur(1_507), vat: eur(83), includingTax: eur(1_590) },
    };
    const lines = [
      { sku: 'BOOK-CUISINE-FR', description: 'La cuisine de Bordeaux', quantity: 1, unitPrice: eur(1_590), discount: eur(0), unitPriceExcludingTax: eur(1_507), vatRate: 5.5, totalExcludingTax: eur(1_507), vat: eur(83), totalIncludingTax: eur(1_590) },
    ];

    it("OrderPaid: the order's VAT per rate with the delivery's part, and an event published before it, without", () => {
      const validate = draft04().compile(eventJsonSchema(OrderPaid));
      expect(paid.order.taxBreakdown).toEqual([
        { rate: 2000, base: eur(93_084), tax: eur(18_616), shipping: { base: eur(492), tax: eur(98) } },
        { rate: 550, base: eur(3_014), tax: eur(166), shipping: { base: eur(0), tax: eur(0) } },
      ]);
      expect(OrderPaid.schema.parse(paid).order.taxBreakdown).toEqual(paid.order.taxBreakdown);
      expect(validate(busEvent('OrderPaid', 'commerce.orders', paid)), JSON.stringify(validate.errors)).toBe(true);
      const { taxBreakdown: _, ...before } = paid.order;
      expect(validate(busEvent('OrderPaid', 'commerce.orders', { order: before })), JSON.stringify(validate.errors)).toBe(true);
      expect(validate(busEvent('OrderPaid', 'commerce.orders', { order: { ...paid.order, taxBreakdown: [{ rate: 20, base: eur(1) }] } }))).toBe(false);
    });

    it('CreditNoteIssued: the lines, the delivery and VAT per rate, and an event published before them, without', () => {
      const validate = draft04().compile(eventJsonSchema(CreditNoteIssued));
      const issued = { orderId: order.id, orderNumber: order.number, creditNote: { ...note, lines, shipping: eur(0), vatByRate: [{ rate: 5.5, base: eur(1_507), vat: eur(83) }] } };
      expect(CreditNoteIssued.schema.parse(issued)).toEqual(issued);
      expect(validate(busEvent('CreditNoteIssued', 'commerce.returns', issued)), JSON.stringify(validate.errors)).toBe(true);
      expect(validate(busEvent('CreditNoteIssued', 'commerce.returns', { ...issued, creditNote: note })), JSON.stringify(validate.errors)).toBe(true);
      expect(validate(busEvent('CreditNoteIssued', 'commerce.returns', { ...issued, creditNote: { ...issued.creditNote, lines: [{ sku: 'X' }] } }))).toBe(false);
    });

    it('CreditNoteIssued: each line priced as the invoice’s (unit price, discount), and an event published before, without', () => {
      const validate = draft04().compile(eventJsonSchema(CreditNoteIssued));
      const issued = { orderId: order.id, orderNumber: order.number, creditNote: { ...note, lines, shipping: eur(0), vatByRate: [{ rate: 5.5, base: eur(1_507), vat: eur(83) }] } };
      expect(CreditNoteIssued.schema.parse(issued).creditNote.lines).toEqual(lines);
      const before = lines.map(({ unitPrice: _p, discount: _d, unitPriceExcludingTax: _n, ...line }) => line);
      expect(validate(busEvent('CreditNoteIssued', 'commerce.returns', { ...issued, creditNote: { ...issued.creditNote, lines: before } })), JSON.stringify(validate.errors)).toBe(true);
      expect(validate(busEvent('CreditNoteIssued', 'commerce.returns', { ...issued, creditNote: { ...issued.creditNote, lines: [{ ...lines[0], discount: 0 }] } }))).toBe(false);
      const properties = (eventJsonSchema(CreditNoteIssued) as { properties: { detail: { properties: { data: { properties: { creditNote: { properties: { lines: { items: { properties: Record<string, { description?: string }> } } } } } } } } } })
        .properties.detail.properties.data.properties.creditNote.properties.lines.items.properties;
      expect(properties.discount?.description).toMatch(/quantity × unitPrice − discount is the line's total/);
    });

    it('CreditNoteCancelled: the invoice cancelling a note, citing it, with what it charges back line by line and rate by rate', () => {
      const validate = draft04().compile(eventJsonSchema(CreditNoteCancelled));
      const cancellingInvoice = {
        number: 'F2026-000047', issuedAt: '2026-12-04T09:00:00.000Z', creditNoteNumber: note.number, creditNoteDate: note.issuedAt, invoiceNumber: note.invoiceNumber,
        invoiceDate: note.invoiceDate, refundId: note.refundId, currency: 'EUR', lines, shipping: eur(0), vatByRate: [{ rate: 5.5, base: eur(1_507), vat: eur(83) }], totals: note.totals,
      };
      const cancelled = { orderId: order.id, orderNumber: order.number, cancellingInvoice };
      expect(CreditNoteCancelled.schema.parse(cancelled)).toEqual(cancelled);
      expect(validate(busEvent('CreditNoteCancelled', 'commerce.returns', cancelled)), JSON.stringify(validate.errors)).toBe(true);
      const { vatByRate: _, ...withoutRates } = cancellingInvoice;
      expect(validate(busEvent('CreditNoteCancelled', 'commerce.returns', { ...cancelled, cancellingInvoice: withoutRates }))).toBe(false);
    });
  });
});

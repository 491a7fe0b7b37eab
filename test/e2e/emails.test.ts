import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../infra/local/runtime';
import { startTestRuntime } from '../support/runtime';
import { until } from './client';
import { address, shopper } from './shop';

/**
 * Issue 13's emails through `npm start`'s runtime: a paid order's confirmation reaches the outbox
 * once, with its invoice number and the link to its PDF, and a replay of every event sends nothing.
 */
let runtime: LocalRuntime;
let shop: ReturnType<typeof shopper>;
type Sent = { to: string; subject: string; text: string; html: string; template: string; eventId: string };
type Carried = { 'detail-type': string; detail: { metadata: { eventId: string }; data: { order?: { id: string } } } };

beforeAll(async () => {
  runtime = await startTestRuntime({ visibilityTimeoutScale: 0.002, chaos: false });
  shop = shopper(runtime);
  // Links in emails point at this runtime, whatever port it got.
  const { updatedAt: _at, ...settings } = (await shop.api<Record<string, unknown>>('GET', '/admin/settings', { headers: shop.admin })).body;
  const saved = await shop.api('PUT', '/admin/settings', { headers: shop.admin, body: { ...settings, apiUrl: runtime.apiUrl, email: { from: 'boutique@example.com' } } });
  expect(saved.status).toBe(200);
});
afterAll(() => runtime.stop());

const outbox = async () => (await shop.api<{ items: Sent[] }>('GET', '/dev/outbox')).body.items;
const drained = () => until(async () => Object.values(runtime.queues).every((q) => q.depth === 0), Boolean, 10_000);

describe('the emails of a paid order', () => {
  it('sends the customer one confirmation with the invoice number and its PDF link, and a replay sends no other', async () => {
    const email = 'lea.martin@example.com';
    const placed = (await shop.checkout(await shop.openCart({ 'MUG-ENAMEL-BLUE': 2 }, { email, shippingAddress: address, locale: 'en' }))).body;
    expect(await shop.confirm(placed.payment.paymentIntentId, 'pm_card_visa')).toBe(200);
    const paid = await shop.orderUntil(placed, (o) => o.invoiceNumber !== null);
    expect(paid.invoiceNumber).toMatch(/^F\d{4}-\d{6}$/);
    const confirmations = () => outbox().then((items) => items.filter((m) => m.to === email && m.template === 'order-confirmation'));
    const sent = await until(confirmations, (found) => found.length > 0, 10_000);
    expect(sent).toHaveLength(1);
    const [paidEvent] = (await shop.eventsOf('OrderPaid', placed.order.id)) as Carried[];
    expect(sent[0]).toMatchObject({ subject: `Your order ${placed.order.number} is confirmed`, eventId: paidEvent!.detail.metadata.eventId });
    expect(sent[0]!.text).toContain(`Your invoice number is ${paid.invoiceNumber}.`);
    expect(sent[0]!.text).toContain(`${runtime.apiUrl}/orders/${placed.order.id}/invoice.pdf?token=${encodeURIComponent(placed.orderToken)}`);
    expect(sent[0]!.html).toContain(`<html lang="en">`);
    // The contract confirmed on a durable medium: the terms accepted at checkout, the withdrawal right and its form.
    expect(sent[0]!.text).toContain('You accepted our terms of sale, version 2026-01, on ');
    expect(sent[0]!.text).toContain('You have the right to withdraw from this contract within 14 days');
    expect(sent[0]!.text).toContain('Model withdrawal form');
    // The link opens the PDF with no header and no sign-in: what a mail client can do.
    const pdf = await fetch(`${runtime.apiUrl}/orders/${placed.order.id}/invoice.pdf?token=${encodeURIComponent(placed.orderToken)}`);
    expect([pdf.status, pdf.headers.get('content-type')]).toEqual([200, 'application/pdf']);

    await drained();
    expect((await shop.api('POST', '/dev/events/replay')).status).toBe(202);
    await new Promise((r) => setTimeout(r, 500));
    await drained();
    expect(await confirmations()).toHaveLength(1);
  });

  it('sends the links to the digital goods once they can be downloaded, in French by default', async () => {
    const email = 'hugo.lecteur@example.com';
    const cart = await shop.openCart({ 'EBOOK-MISERABLES': 1 }, { email, shippingAddress: address });
    const placed = (await shop.checkout(cart, { acceptTerms: true, termsVersion: '2026-01', digitalWithdrawalWaiver: true })).body;
    expect(await shop.confirm(placed.payment.paymentIntentId, 'pm_card_visa')).toBe(200);
    const downloads = await until(
      () => outbox().then((items) => items.filter((m) => m.to === email && m.template === 'downloads-ready')),
      (found) => found.length > 0,
      10_000,
    );
    expect(downloads).toHaveLength(1);
    expect(downloads[0]!.subject).toBe(`Vos téléchargements de la commande n° ${placed.order.number}`);
    const link = /Les Misérables \(ebook\): (\S+)/.exec(downloads[0]!.text)?.[1] ?? '';
    expect(link.startsWith(`${runtime.apiUrl}/`)).toBe(true);
    expect((await fetch(link)).status).toBe(200);
    // The waiver recorded at checkout, confirmed as the content is supplied.
    expect(downloads[0]!.text).toContain('vous avez expressément demandé que vos contenus numériques (Les Misérables (ebook)) vous soient fournis immédiatement');
    // The confirmation says the links come apart; each email went once.
    const templates = await until(
      async () => (await outbox()).filter((m) => m.to === email).map((m) => m.template).sort(),
      (found) => found.length >= 2,
    );
    expect(templates).toEqual(['downloads-ready', 'order-confirmation']);
  });
});

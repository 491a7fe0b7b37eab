import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../infra/local/runtime';
import { startTestRuntime } from '../support/runtime';
import { aShop } from '../fixtures/settings';
import { expectProblem, shopper } from './shop';

let runtime: LocalRuntime;
let shop: ReturnType<typeof shopper>;

beforeAll(async () => {
  runtime = await startTestRuntime({ chaos: false });
  shop = shopper(runtime);
});
afterAll(() => runtime.stop());

type Invoice = { invoiceNumber: string; seller: { name: string; siren: string }; legalMentions: string[] };
/** Functions read the settings through a cache of a few seconds: what changed shows after it. */
const settled = () => new Promise((r) => setTimeout(r, 5_500));
const paidInvoice = async () => {
  const placed = (await shop.checkout(await shop.openCart({ 'MUG-ENAMEL-BLUE': 1 }), { acceptTerms: true, termsVersion: '2026-03' })).body;
  expect(await shop.confirm(placed.payment.paymentIntentId, 'pm_card_visa')).toBe(200);
  await shop.orderUntil(placed, (o) => o.status === 'paid');
  return { placed, invoice: async () => (await shop.api<Invoice>('GET', `/orders/${placed.order.id}/invoice`, { headers: { 'x-order-token': placed.orderToken } })).body };
};

describe("the shop's settings through the API", () => {
  it('are for admins only', async () => {
    expectProblem(await shop.api('GET', '/admin/settings'), 401);
    const customer = (await shop.api<{ token: string }>('POST', '/dev/tokens', { body: { sub: 'c-1' } })).body.token;
    expectProblem(await shop.api('GET', '/admin/settings', { headers: { authorization: `Bearer ${customer}` } }), 403);
    expect((await shop.api('GET', '/admin/settings', { headers: shop.admin })).body).toMatchObject({ seller: { name: 'Boutique Démo' }, terms: { version: '2026-01' } });
  });

  it('refuse an invalid field, naming it, and change nothing', async () => {
    const bad = { ...aShop(), seller: { ...aShop().seller!, siren: '123456789' } };
    expectProblem(await shop.api('PUT', '/admin/settings', { body: bad, headers: shop.admin }), 422, 'seller.siren');
    expectProblem(await shop.api('PUT', '/admin/settings', { body: { ...aShop(), returnWindowDays: 'soon' }, headers: shop.admin }), 400, 'returnWindowDays');
    expect((await shop.api('GET', '/admin/settings', { headers: shop.admin })).body).toMatchObject({ seller: { name: 'Boutique Démo' } });
  });

  it('refuse a seller address or an origin in a country ISO does not assign, naming each, and change nothing', async () => {
    const before = (await shop.api('GET', '/admin/settings', { headers: shop.admin })).body;
    const sellerIn = (country: string) => ({ ...aShop().seller!, address: { ...aShop().seller!.address, country } });
    expectProblem(await shop.api('PUT', '/admin/settings', { body: { ...aShop(), seller: sellerIn('ZZ') }, headers: shop.admin }), 400, 'seller.address.country');
    expectProblem(await shop.api('PUT', '/admin/settings', { body: { ...aShop(), shipping: { ...aShop().shipping, originCountry: 'XX' } }, headers: shop.admin }), 400, 'shipping.originCountry');
    expect((await shop.api('GET', '/admin/settings', { headers: shop.admin })).body).toEqual(before);
  });

  it('refuse a French VAT number whose key is wrong for its SIREN: 422 naming seller.vatNumber, and change nothing', async () => {
    const before = (await shop.api('GET', '/admin/settings', { headers: shop.admin })).body;
    // SIREN 732829320's key is 44.
    const wrongKey = { ...aShop(), seller: { ...aShop().seller!, vatNumber: 'FR00732829320' } };
    expectProblem(await shop.api('PUT', '/admin/settings', { body: wrongKey, headers: shop.admin }), 422, 'seller.vatNumber');
    expect((await shop.api('GET', '/admin/settings', { headers: shop.admin })).body).toEqual(before);
  });

  it('take back the very document GET answered; its updatedAt is the server\'s, never the one sent', async () => {
    const read = (await shop.api<{ updatedAt: string }>('GET', '/admin/settings', { headers: shop.admin })).body;
    const put = await shop.api<{ updatedAt: string }>('PUT', '/admin/settings', { body: read, headers: shop.admin });
    expect(put.status).toBe(200);
    expect(put.body).toEqual({ ...read, updatedAt: expect.any(String) });

    const backdated = await shop.api<{ updatedAt: string }>('PUT', '/admin/settings', { body: { ...read, updatedAt: '2000-01-01T00:00:00.000Z' }, headers: shop.admin });
    expect(backdated.status).toBe(200);
    expect(backdated.body.updatedAt).not.toBe('2000-01-01T00:00:00.000Z');
    expect(backdated.body.updatedAt >= put.body.updatedAt).toBe(true);
    expect((await shop.api('GET', '/admin/settings', { headers: shop.admin })).body).toEqual(backdated.body);
  });

  it('apply to what happens after: the next invoice shows the new seller, an invoice issued before keeps its own', async () => {
    const put = await shop.api('PUT', '/admin/settings', { body: aShop(), headers: shop.admin });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ seller: { name: 'Atelier Lumière', siren: '732829320' }, terms: { version: '2026-03' }, updatedAt: expect.any(String) });
    await settled();
    const first = await paidInvoice();
    const issued = await first.invoice();
    expect(issued.seller).toMatchObject({ name: 'Atelier Lumière', siren: '732829320' });
    expect(issued.legalMentions.join(' ')).toContain('au capital de 5 000,00 €');

    const renamed = aShop();
    renamed.seller = { ...renamed.seller!, name: 'Atelier Lumière & Fils' };
    expect((await shop.api('PUT', '/admin/settings', { body: renamed, headers: shop.admin })).status).toBe(200);
    await settled();
    expect((await first.invoice()).seller.name).toBe('Atelier Lumière');
    expect((await (await paidInvoice()).invoice()).seller.name).toBe('Atelier Lumière & Fils');
  });

  it('without a seller, pays orders but issues no invoice: a clear 409, never a placeholder', async () => {
    expect((await shop.api('PUT', '/admin/settings', { body: { ...aShop(), seller: null }, headers: shop.admin })).status).toBe(200);
    await settled();
    const { invoice } = await paidInvoice();
    expect(await invoice()).toMatchObject({ status: 409, detail: expect.stringContaining('seller') });
  });
});

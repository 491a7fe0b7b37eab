import { beforeAll, describe, expect, it } from 'vitest';
import { UnprocessableError } from '#kernel/errors';
import { createSettingsReader, createSettingsStore } from '#settings/adapters/settings-store';
import { getSettings } from '#settings/app/get-settings';
import { updateSettings } from '#settings/app/update-settings';
import { frenchVatNumberProblem, isValidSiren, storeSettingsOf, unconfiguredSettings } from '#settings/domain/settings';
import { SettingsBodySchema, SettingsSchema } from '#settings/contracts/http';
import { aShop } from '../../fixtures/settings';
import { freshTables } from '../../support/dynamo';

describe("the shop's settings on DynamoDB Local", () => {
  let deps: { store: ReturnType<typeof createSettingsStore>; clock: () => Date; client: Awaited<ReturnType<typeof freshTables>>['client'] };
  let table: string;

  beforeAll(async () => {
    const fresh = await freshTables();
    table = fresh.names.domain;
    deps = { store: createSettingsStore(fresh.db, table), clock: () => new Date('2026-11-25T09:00:00Z'), client: fresh.client };
  });

  it('answers the defaults, without a seller, before anyone configured the shop', async () => {
    expect(await getSettings(deps)).toEqual(unconfiguredSettings);
    expect(unconfiguredSettings.seller).toBeNull();
  });

  it('keeps the whole document, with the time of the change, and functions read it through the cache', async () => {
    const saved = await updateSettings(deps, aShop());
    expect(saved.updatedAt).toBe('2026-11-25T09:00:00.000Z');
    expect(await getSettings(deps)).toEqual(saved);
    const read = createSettingsReader(deps.client, table);
    expect((await read()).seller?.name).toBe('Atelier Lumière');
    expect(storeSettingsOf(await read())).toEqual({
      currency: 'EUR',
      pricesIncludeTax: true,
      vatAtDestination: true,
      originCountry: 'FR',
      shipping: { domestic: 590, eu: 1190, world: 2490, freeFrom: 8000 },
    });
  });

  it('keeps a shop under the EU distance-selling threshold charging its own VAT, and reads an absent choice as VAT at destination', async () => {
    const saved = await updateSettings(deps, SettingsBodySchema.parse({ ...aShop(), vatAtDestination: false }));
    expect(await getSettings(deps)).toEqual(saved);
    expect(storeSettingsOf(saved).vatAtDestination).toBe(false);
    expect(storeSettingsOf(await updateSettings(deps, aShop())).vatAtDestination).toBe(true);
    // Saved without the choice (as before it existed): read back showing the VAT at destination it applies.
    expect((await getSettings(deps)).vatAtDestination).toBe(true);
    expect(SettingsBodySchema.safeParse({ ...aShop(), vatAtDestination: 'no' }).error?.issues.map((i) => i.path.join('.'))).toEqual(['vatAtDestination']);
  });

  it("reads through the function's own DynamoDB client, one query per cache period, not through a client of its own", async () => {
    const sent: string[] = [];
    deps.client.middlewareStack.add((next, context) => async (args) => (sent.push(context.commandName ?? '?'), next(args)), { step: 'initialize', name: 'settings-test-spy' });
    try {
      const read = createSettingsReader(deps.client, table);
      await read();
      await read();
    } finally {
      deps.client.middlewareStack.remove('settings-test-spy');
    }
    expect(sent).toEqual(['QueryCommand']);
  });

  it('refuses a SIREN whose check digit is wrong, a capital in another currency and a return window under 14 days, naming each', async () => {
    const bad = aShop({ returnWindowDays: 10 });
    bad.seller = { ...bad.seller!, siren: '123456789', shareCapital: { amount: 100, currency: 'USD' } };
    const error = await updateSettings(deps, bad).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnprocessableError);
    expect((error as UnprocessableError).errors.map((e) => e.path)).toEqual(['seller.siren', 'seller.shareCapital.currency', 'returnWindowDays']);
    expect((await getSettings(deps)).seller?.siren).toBe('732829320');
  });

  it('refuses another currency than EUR for a seller with a French VAT number, naming currency: its invoices must state their VAT in euros', async () => {
    await updateSettings(deps, aShop());
    const dollars = aShop({ currency: 'USD' });
    dollars.seller = { ...dollars.seller!, shareCapital: { amount: 500_000, currency: 'USD' } };
    const error = await updateSettings(deps, dollars).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnprocessableError);
    expect((error as UnprocessableError).errors).toEqual([{ path: 'currency', message: 'must be EUR for a seller with a French VAT number: its invoices state VAT in euros' }]);
    expect((await getSettings(deps)).currency).toBe('EUR');
    // A seller registered elsewhere, or none yet, may sell in another currency: what was priced in euros is then refused, never converted.
    const belgian = { ...dollars.seller!, vatNumber: 'BE0403170701' };
    expect((await updateSettings(deps, { ...dollars, seller: belgian })).currency).toBe('USD');
    expect((await updateSettings(deps, { ...dollars, seller: null })).currency).toBe('USD');
    await updateSettings(deps, aShop());
  });

  it("keeps how the shop's emails go out and the API URL they link to, both optional", async () => {
    const withEmail = aShop({ email: { from: 'boutique@atelier-lumiere.fr', replyTo: 'contact@atelier-lumiere.fr', configurationSet: 'commerce-emails' }, apiUrl: 'https://api.atelier-lumiere.fr' });
    expect(SettingsBodySchema.parse(withEmail)).toEqual(withEmail);
    await updateSettings(deps, withEmail);
    expect(await createSettingsReader(deps.client, table)()).toMatchObject({ email: withEmail.email, apiUrl: 'https://api.atelier-lumiere.fr' });
    // A document of before (no email, no apiUrl) stays valid.
    expect(SettingsBodySchema.safeParse(aShop()).success).toBe(true);
  });

  it('refuses a sender that is not an address, a configuration set SES would refuse and an API URL that is not a web base URL, naming each', () => {
    const bad = { ...aShop(), email: { from: 'Boutique', configurationSet: 'has spaces' }, apiUrl: 'ftp://api.example.com' };
    const paths = (SettingsBodySchema.safeParse(bad).error?.issues ?? []).map((i) => i.path.join('.'));
    expect(paths.sort()).toEqual(['apiUrl', 'email.configurationSet', 'email.from']);
    expect(SettingsBodySchema.safeParse({ ...aShop(), apiUrl: 'https://api.example.com/?x=1' }).error?.issues.map((i) => i.path.join('.'))).toEqual(['apiUrl']);
    expect(SettingsBodySchema.safeParse({ ...aShop(), email: { from: 'a@example.com', bcc: 'b@example.com' } }).error?.issues.map((i) => i.path.join('.'))).toEqual(['email']);
  });

  it("refuses a French VAT number whose key is wrong or whose SIREN is not the seller's, naming seller.vatNumber, and keeps what was there", async () => {
    const before = await getSettings(deps);
    for (const vatNumber of ['FR00732829320', 'FR45732829320', 'FR82542065479', 'FR4473282932']) {
      const bad = aShop();
      bad.seller = { ...bad.seller!, vatNumber };
      const error = await updateSettings(deps, bad).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(UnprocessableError);
      expect({ vatNumber, paths: (error as UnprocessableError).errors.map((e) => e.path) }).toEqual({ vatNumber, paths: ['seller.vatNumber'] });
    }
    expect(await getSettings(deps)).toEqual(before);
  });

  it("checks a French VAT number's key from its SIREN, (12 + 3 × (SIREN mod 97)) mod 97, and leaves other countries' numbers to their shape", () => {
    const problem = (vatNumber: string, siren: string) => frenchVatNumberProblem({ vatNumber, siren });
    expect([problem('FR44732829320', '732829320'), problem('FR82542065479', '542065479'), problem('FR64443061841', '443061841')]).toEqual([undefined, undefined, undefined]);
    expect(problem('FR00732829320', '732829320')).toMatch(/key/);
    expect(problem('FR44542065479', '732829320')).toMatch(/SIREN, 732829320/);
    // A key with a letter has no published formula: its SIREN alone is checked.
    expect(problem('FRX4732829320', '732829320')).toBeUndefined();
    expect(problem('DE123456789', '732829320')).toBeUndefined();
  });

  it("refuses a French VAT number not shaped FR + a 2-character key + the 9-digit SIREN; another country's by the general shape at the edge", () => {
    for (const vatNumber of ['FR4473282932', 'FR447328293200', 'FRIO732829320', 'FR44A32829320']) {
      expect({ vatNumber, problem: frenchVatNumberProblem({ vatNumber, siren: '732829320' }) }).toEqual({ vatNumber, problem: expect.stringContaining('is not a French VAT number') });
    }
    const vatPaths = (vatNumber: string) => (SettingsBodySchema.safeParse({ ...aShop(), seller: { ...aShop().seller!, vatNumber } }).error?.issues ?? []).map((i) => i.path.join('.'));
    for (const vatNumber of ['FR 44 732829320', 'fr44732829320', 'D', 'DE1234567890123456']) expect({ vatNumber, paths: vatPaths(vatNumber) }).toEqual({ vatNumber, paths: ['seller.vatNumber'] });
    for (const vatNumber of ['DE123456789', 'ATU12345678', 'EL123456789']) expect({ vatNumber, paths: vatPaths(vatNumber) }).toEqual({ vatNumber, paths: [] });
  });

  it('refuses a seller address and an origin in a country ISO does not assign, naming each; sends back such a document kept from before', () => {
    const kept = { ...aShop(), seller: { ...aShop().seller!, address: { ...aShop().seller!.address, country: 'ZZ' } }, shipping: { ...aShop().shipping, originCountry: 'XX' } };
    expect((SettingsBodySchema.safeParse(kept).error?.issues ?? []).map((i) => i.path.join('.'))).toEqual(['seller.address.country', 'shipping.originCountry']);
    expect(SettingsSchema.safeParse({ ...kept, updatedAt: '2026-11-25T09:00:00.000Z' }).success).toBe(true);
  });

  it('takes back the document it answered, updatedAt included, and saves the time of the change rather than the one sent', async () => {
    const read = await getSettings(deps);
    const sent = SettingsBodySchema.parse({ ...read, updatedAt: '2000-01-01T00:00:00.000Z' });
    const later = { ...deps, clock: () => new Date('2026-11-26T10:00:00Z') };
    expect((await updateSettings(later, sent)).updatedAt).toBe('2026-11-26T10:00:00.000Z');
    expect(await getSettings(deps)).toEqual({ ...read, updatedAt: '2026-11-26T10:00:00.000Z' });
  });

  it('checks SIREN numbers with the Luhn algorithm', () => {
    expect(['732829320', '542065479', '443061841'].map(isValidSiren)).toEqual([true, true, true]);
    expect(['123456789', '73282932', '73282932a', '732829321'].map(isValidSiren)).toEqual([false, false, false, false]);
  });
});

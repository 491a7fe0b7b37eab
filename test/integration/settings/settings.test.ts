import { beforeAll, describe, expect, it } from 'vitest';
import { UnprocessableError } from '#kernel/errors';
import { createSettingsReader, createSettingsStore } from '#settings/adapters/settings-store';
import { getSettings } from '#settings/app/get-settings';
import { updateSettings } from '#settings/app/update-settings';
import { isValidSiren, storeSettingsOf, unconfiguredSettings } from '#settings/domain/settings';
import { aShop } from '../../fixtures/settings';
import { freshTables } from '../../support/dynamo';

describe("the shop's settings on DynamoDB Local", () => {
  let deps: { store: ReturnType<typeof createSettingsStore>; clock: () => Date };
  let table: string;

  beforeAll(async () => {
    const fresh = await freshTables();
    table = fresh.names.domain;
    deps = { store: createSettingsStore(fresh.db, table), clock: () => new Date('2026-11-25T09:00:00Z') };
  });

  it('answers the defaults, without a seller, before anyone configured the shop', async () => {
    expect(await getSettings(deps)).toEqual(unconfiguredSettings);
    expect(unconfiguredSettings.seller).toBeNull();
  });

  it('keeps the whole document, with the time of the change, and functions read it through the cache', async () => {
    const saved = await updateSettings(deps, aShop());
    expect(saved.updatedAt).toBe('2026-11-25T09:00:00.000Z');
    expect(await getSettings(deps)).toEqual(saved);
    const read = createSettingsReader(table);
    expect((await read()).seller?.name).toBe('Atelier Lumière');
    expect(storeSettingsOf(await read())).toEqual({
      currency: 'EUR',
      pricesIncludeTax: true,
      originCountry: 'FR',
      shipping: { domestic: 590, eu: 1190, world: 2490, freeFrom: 8000 },
    });
  });

  it('refuses a SIREN whose check digit is wrong, a capital in another currency and a return window under 14 days, naming each', async () => {
    const bad = aShop({ returnWindowDays: 10 });
    bad.seller = { ...bad.seller!, siren: '123456789', shareCapital: { amount: 100, currency: 'USD' } };
    const error = await updateSettings(deps, bad).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnprocessableError);
    expect((error as UnprocessableError).errors.map((e) => e.path)).toEqual(['seller.siren', 'seller.shareCapital.currency', 'returnWindowDays']);
    expect((await getSettings(deps)).seller?.siren).toBe('732829320');
  });

  it('checks SIREN numbers with the Luhn algorithm', () => {
    expect(['732829320', '542065479', '443061841'].map(isValidSiren)).toEqual([true, true, true]);
    expect(['123456789', '73282932', '73282932a', '732829321'].map(isValidSiren)).toEqual([false, false, false, false]);
  });
});

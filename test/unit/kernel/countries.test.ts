import { describe, expect, it } from 'vitest';
import { AddressSchema, SentAddressSchema } from '#cart/contracts/shapes';
import { COUNTRY_CODES } from '#kernel/countries';
import { postalCodeExampleOf } from '#kernel/postal-codes';
import { isEu, vatRate } from '#pricing/domain/tax';
import { zoneOf } from '#pricing/domain/shipping';
import { defaultStoreSettings } from '#pricing/domain/store-settings';
import { fieldErrors } from '#runtime/validate';

const address = { name: 'Camille Martin', line1: '12 rue de la Paix', postalCode: '75002', city: 'Paris', country: 'FR' };
const refusedAt = (country: unknown) => {
  const parsed = AddressSchema.safeParse({ ...address, country });
  return parsed.success ? [] : fieldErrors(parsed.error.issues, 'shippingAddress').map((e) => e.path);
};

describe('countries', () => {
  it('are the 249 officially assigned ISO 3166-1 alpha-2 codes, each once', () => {
    expect(COUNTRY_CODES).toHaveLength(249);
    expect(new Set(COUNTRY_CODES).size).toBe(249);
    expect(COUNTRY_CODES.every((code) => /^[A-Z]{2}$/.test(code))).toBe(true);
  });

  it('an address takes any of them (with a postal code of its shape)', () => {
    for (const country of COUNTRY_CODES) {
      expect({ country, ok: AddressSchema.safeParse({ ...address, country, postalCode: postalCodeExampleOf(country) ?? '75002' }).success }).toEqual({ country, ok: true });
    }
  });

  it("an address refuses a postal code not of its country's shape where it is checked, naming it, and takes the shapes its post publishes", () => {
    const refusedCode = (country: string, postalCode: string) => {
      const parsed = AddressSchema.safeParse({ ...address, country, postalCode });
      return parsed.success ? [] : fieldErrors(parsed.error.issues, 'shippingAddress').map((e) => e.path);
    };
    for (const [country, postalCode] of [['FR', 'ABCDE'], ['FR', '7500'], ['FR', '750021'], ['DE', '1011'], ['BE', '10000'], ['NL', '1012'], ['PT', '1100148'], ['MC', '75002']]) {
      expect({ country, postalCode, refusedAt: refusedCode(country!, postalCode!) }).toEqual({ country, postalCode, refusedAt: ['shippingAddress.postalCode'] });
    }
    for (const [country, postalCode] of [['FR', '97400'], ['FR', '20000'], ['NL', '1012AB'], ['LU', 'L-1009'], ['SE', '11122'], ['US', '10001-1234'], ['IE', 'D02 X285'], ['GB', 'SW1A 1AA'], ['JP', '100-0001']]) {
      expect({ country, postalCode, refusedAt: refusedCode(country!, postalCode!) }).toEqual({ country, postalCode, refusedAt: [] });
    }
    // A bad country is named alone: its postal code is not judged against no country.
    expect(refusedCode('XX', 'ABCDE')).toEqual(['shippingAddress.country']);
  });

  it('an address refuses two capitals ISO does not assign, and anything that is not a code, naming its country', () => {
    // XX and ZZ are user-assigned; XK is Kosovo in some pickers, not in ISO; UK and EL are what VAT numbers use for GB and GR.
    for (const country of ['XX', 'ZZ', 'XK', 'UK', 'EL', 'EU', 'fr', 'FRA', 'France', '', 33, null]) {
      expect({ country, refusedAt: refusedAt(country) }).toEqual({ country, refusedAt: ['shippingAddress.country'] });
    }
  });

  it('an address sent back is shown as kept, even with a country taken before only assigned codes were', () => {
    expect(SentAddressSchema.parse({ ...address, country: 'XK' })).toEqual({ ...address, country: 'XK' });
  });

  it('tax and shipping know the 27 EU member states (and Monaco, taxed as France) by assigned codes, and treat every other code as outside the EU', () => {
    const eu = COUNTRY_CODES.filter(isEu);
    // The 27, and Monaco, which is inside France's VAT area: French VAT, at each French rate.
    expect(eu).toHaveLength(28);
    expect(eu).toContain('GR');
    expect([vatRate('MC', 'standard'), vatRate('MC', 'reduced'), vatRate('MC', 'digital'), zoneOf('MC', defaultStoreSettings)]).toEqual([2000, 550, 2000, 'eu']);
    // Overseas departments have codes of their own and are outside the EU's VAT area: exports, the world rate.
    expect([vatRate('GP', 'standard'), zoneOf('GP', defaultStoreSettings)]).toEqual([0, 'world']);
    expect([vatRate('DE', 'standard'), zoneOf('DE', defaultStoreSettings)]).toEqual([1900, 'eu']);
  });
});

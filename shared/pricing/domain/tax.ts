import type { CountryCode } from '#kernel/countries';
import type { Address } from '#kernel/customer';
import { divideRounded } from '#kernel/money';
import type { StoreSettings } from './store-settings';

/**
 * VAT categories; the rate for each depends on the country of taxation. `intermediate` is the
 * French 10 % (takeaway food, passenger transport, some works), `super_reduced` the French 2.1 %
 * (press, some medicines). `books` (printed books and e-books) has a rate of its own in each
 * country, which no tier gives everywhere: 5.5 % in France (its `reduced`), 4 % in Italy and Spain
 * (their `super_reduced`), 0 % in Ireland, 5 % in Poland (a rate the tiers do not hold).
 */
export type TaxCategory = 'standard' | 'intermediate' | 'reduced' | 'super_reduced' | 'zero' | 'digital' | 'books';

/**
 * VAT by country of taxation and tax category, in basis points (2000 = 20 %).
 *
 * B2C sales inside the EU are taxed at the rate of the customer's country (distance-selling
 * rules since 2021, OSS): where goods are shipped, where the customer of an e-service lives
 * (`placeOfSupply`). Outside the EU, goods leave VAT-free as exports, and e-services are outside
 * the scope of EU VAT (0 %). `digital` (e-services) follows the customer's standard rate, as EU
 * law sets it.
 * Rates as of 2026. `intermediate` is a country's reduced rate between its `reduced` and its
 * standard one, where it has one (FR 10 %, BE 12 %, AT, PT, EE 13 %, LU 14 %). A country missing a
 * reduced category taxes it at its `reduced` rate, and at its standard rate when it has no reduced
 * one either: French press (2.1 %) shipped to Germany bears Germany's 7 %, not its 19 %.
 *
 * Rounding rule, for every line: tax is computed per line on the line's amount after its
 * share of the discount, in integer arithmetic, rounded half up to the cent:
 * - prices include tax:  tax = round(gross × rate / (10000 + rate)), net = gross − tax
 * - prices exclude tax:  tax = round(net × rate / 10000),            gross = net + tax
 * Shipping is taxed at the rates of the goods it delivers: split across them first (in whole
 * minor units, `shippingByRate` in shipping.ts), then each part by the same rule as a line.
 * Totals are sums of the rounded line amounts, so the invoice adds up to the cent.
 */
type Rates = Partial<Record<Exclude<TaxCategory, 'standard' | 'digital' | 'zero' | 'books'>, number>> & { standard: number };

// Keyed by ISO 3166-1 codes, the ones addresses take (Greece is GR here, EL only in VAT numbers).
// Outside the EU's VAT area whatever their code: Åland (AX), the French overseas departments
// (GP, MQ, RE, GF, YT) and the other territories with codes of their own, which leave as exports;
// also when written under their member state's code (`TERRITORIES_BY_POSTCODE`).
const EU: Record<string, Rates> = {
  FR: { standard: 2000, intermediate: 1000, reduced: 550, super_reduced: 210 },
  DE: { standard: 1900, reduced: 700 },
  ES: { standard: 2100, reduced: 1000, super_reduced: 400 },
  IT: { standard: 2200, reduced: 1000, super_reduced: 400 },
  BE: { standard: 2100, intermediate: 1200, reduced: 600 },
  NL: { standard: 2100, reduced: 900 },
  LU: { standard: 1700, intermediate: 1400, reduced: 800, super_reduced: 300 },
  AT: { standard: 2000, intermediate: 1300, reduced: 1000 },
  PT: { standard: 2300, intermediate: 1300, reduced: 600 },
  IE: { standard: 2300, reduced: 1350, super_reduced: 480 },
  FI: { standard: 2550, reduced: 1400 },
  SE: { standard: 2500, reduced: 1200 },
  DK: { standard: 2500 },
  PL: { standard: 2300, reduced: 800 },
  CZ: { standard: 2100, reduced: 1200 },
  SK: { standard: 2300, reduced: 1900 },
  SI: { standard: 2200, reduced: 950 },
  HR: { standard: 2500, reduced: 1300 },
  HU: { standard: 2700, reduced: 1800 },
  RO: { standard: 2100, reduced: 1100 },
  BG: { standard: 2000, reduced: 900 },
  GR: { standard: 2400, reduced: 1300 },
  CY: { standard: 1900, reduced: 900 },
  MT: { standard: 1800, reduced: 700 },
  EE: { standard: 2400, intermediate: 1300, reduced: 900 },
  LV: { standard: 2100, reduced: 1200 },
  LT: { standard: 2100, reduced: 900 },
} satisfies Partial<Record<CountryCode, Rates>>;

/**
 * Books, printed and electronic (Directive 2006/112/EC Annex III (6), which since 2022 lets member
 * states tax e-books as printed ones; most do), by member state, in basis points, as of 2026.
 * Denmark has no reduced rate; Ireland and Czechia tax books at 0 %.
 */
const BOOKS: Record<keyof typeof EU, number> = {
  FR: 550, DE: 700, ES: 400, IT: 400, BE: 600, NL: 900, LU: 300, AT: 1000, PT: 600, IE: 0, FI: 1400, SE: 600, DK: 2500, PL: 500,
  CZ: 0, SK: 500, SI: 500, HR: 500, HU: 500, RO: 1100, BG: 900, GR: 600, CY: 500, MT: 500, EE: 900, LV: 1200, LT: 900,
};

/**
 * Territories inside a member state's VAT area under a code of their own: Monaco is taxed as
 * France (Directive 2006/112/EC, art. 7), so a sale shipped there bears French VAT, not none.
 */
const TAXED_AS: Partial<Record<CountryCode, CountryCode>> = { MC: 'FR' };
const vatAreaOf = (country: string): string => TAXED_AS[country as CountryCode] ?? country;

export const isEu = (country: string): boolean => vatAreaOf(country) in EU;

/** The VAT rate in basis points for a product category taxed in `country`. */
export const vatRate = (country: string, category: TaxCategory): number => {
  const rates = EU[vatAreaOf(country)];
  if (!rates || category === 'zero') return 0;
  if (category === 'digital' || category === 'standard') return rates.standard;
  if (category === 'books') return BOOKS[vatAreaOf(country) as keyof typeof EU] ?? rates.reduced ?? rates.standard;
  return rates[category] ?? rates.reduced ?? rates.standard;
};

/** An address as far as VAT reads it: its country, and the postcode that may name a territory in it. */
export type Place = Pick<Address, 'country' | 'postalCode'>;

/** A territory outside the EU's VAT area without an ISO 3166-1 code of its own: no EU rate, not the EU zone. */
const OUTSIDE_EU_VAT_AREA = 'outside the EU VAT area';

/**
 * Territories of member states outside the EU's VAT area (Directive 2006/112/EC art. 6; France's
 * overseas countries and territories, such as Saint-Pierre-et-Miquelon or New Caledonia, are outside
 * the EU altogether, TFEU art. 355(2)) that addresses commonly write under the member state's code,
 * told apart by their postcodes. Each is taxed as its own ISO
 * code where it has one (FR 97110 as GP: an export, as an address written GP is), else as outside
 * the EU VAT area. The first prefix that matches wins: Saint-Barthélemy (97133) and Saint-Martin
 * (97150) have postcodes in Guadeloupe's 971.
 */
const TERRITORIES_BY_POSTCODE: Partial<Record<CountryCode, readonly (readonly [prefix: string, territory: CountryCode | typeof OUTSIDE_EU_VAT_AREA])[]>> = {
  FR: [['97133', 'BL'], ['97150', 'MF'], ['971', 'GP'], ['972', 'MQ'], ['973', 'GF'], ['974', 'RE'], ['975', 'PM'], ['976', 'YT'], ['986', 'WF'], ['987', 'PF'], ['988', 'NC']],
  // The Canary Islands (provinces of Las Palmas, 35, and Santa Cruz de Tenerife, 38), Ceuta, Melilla.
  ES: [['35', OUTSIDE_EU_VAT_AREA], ['38', OUTSIDE_EU_VAT_AREA], ['51', OUTSIDE_EU_VAT_AREA], ['52', OUTSIDE_EU_VAT_AREA]],
  // Heligoland, Büsingen am Hochrhein.
  DE: [['27498', OUTSIDE_EU_VAT_AREA], ['78266', OUTSIDE_EU_VAT_AREA]],
  // Livigno, Campione d'Italia.
  IT: [['23041', OUTSIDE_EU_VAT_AREA], ['22061', OUTSIDE_EU_VAT_AREA]],
  // Åland.
  FI: [['22', 'AX']],
};

/**
 * The territory of an address for VAT and shipping: its country, or the territory outside the EU's
 * VAT area that its postcode names (`TERRITORIES_BY_POSTCODE`). These countries' postcodes are all
 * digits: spaces and a written prefix ("971 10", "AX-22100") are read past.
 */
export const territoryOf = (place: Place): string => {
  const digits = place.postalCode.replace(/\D/g, '');
  return TERRITORIES_BY_POSTCODE[place.country as CountryCode]?.find(([prefix]) => digits.startsWith(prefix))?.[1] ?? place.country;
};

/** The customer's addresses, as far as they are given yet. */
export interface CustomerPlaces {
  shippingAddress?: Place;
  billingAddress?: Place;
}

/**
 * The territory a B2C line is supplied in, whose VAT it bears (`territoryOf`). Goods: where they are
 * shipped (Directive 2006/112/EC art. 33). E-services and digital content: where the customer lives
 * (art. 58), which the billing address evidences (Implementing Regulation 282/2011 art. 24f).
 * Each falls back on the other address, then on the shop's country: a cart without an address
 * yet shows the domestic price.
 */
export const placeOfSupply = (supply: 'goods' | 'digital', customer: CustomerPlaces | null | undefined, originCountry: string): string => {
  const address = supply === 'goods' ? customer?.shippingAddress ?? customer?.billingAddress : customer?.billingAddress ?? customer?.shippingAddress;
  return address ? territoryOf(address) : originCountry;
};

/**
 * The country whose rates a line supplied in `place` bears. Below €10,000 a year of cross-border
 * EU sales to consumers (goods shipped from the shop's member state and e-services), a shop may
 * charge its own country's VAT (Directive 2006/112/EC art. 59c): one that does so opts out of
 * `vatAtDestination`. Sales leaving the EU stay exports.
 */
export const taxCountryOf = (place: string, settings: Pick<StoreSettings, 'originCountry' | 'vatAtDestination'>): string =>
  !settings.vatAtDestination && isEu(place) && isEu(settings.originCountry) ? settings.originCountry : place;

/** The VAT inside a tax-inclusive amount. */
export const taxIncluded = (gross: number, rate: number): number => divideRounded(gross * rate, 10_000 + rate);

/** The VAT to add on top of a tax-exclusive amount. */
export const taxOnTop = (net: number, rate: number): number => divideRounded(net * rate, 10_000);

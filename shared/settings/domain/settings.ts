import type { Address } from '#kernel/customer';
import { UnprocessableError, type FieldError } from '#kernel/errors';
import type { Currency, Money } from '#kernel/money';
import type { StoreSettings } from '#pricing/domain/store-settings';

/** The seller's legal identity, printed on every invoice and credit note (CGI art. 242 nonies A). */
export interface Seller {
  name: string;
  legalForm: string;
  address: Address;
  /** 9 digits, Luhn-valid (INSEE). */
  siren: string;
  vatNumber: string;
  shareCapital: Money;
  rcs: string;
  email: string;
}

/** Rates in minor units of the shop's currency; free at or above `freeFrom` (goods after discount). */
export interface ShippingRates {
  originCountry: string;
  domestic: number;
  eu: number;
  world: number;
  freeFrom: number;
}

/**
 * How the shop's emails go out (SES v2): the verified sender, where replies go, and the SES
 * configuration set that publishes their sending events. Absent: `MAIL_FROM`, no reply-to, no set.
 */
export interface EmailSettings {
  from: string;
  replyTo?: string;
  configurationSet?: string;
}

/**
 * What the shop sets about itself, through `PUT /admin/settings`. A change applies to what
 * happens after it: orders keep the terms they were placed under, invoices the seller they
 * were issued by. `seller` is null until configured: no invoice is issued without it.
 */
export interface ShopSettings {
  currency: Currency;
  seller: Seller | null;
  pricesIncludeTax: boolean;
  /** Absent: true. False only for a shop under the EU distance-selling threshold (see `taxCountryOf`). */
  vatAtDestination?: boolean;
  terms: { version: string; url: string };
  paymentTimeoutMinutes: number;
  shipping: ShippingRates;
  /** The EU withdrawal period (Directive 2011/83/EU art. 9): 14 days at least. */
  returnWindowDays: number;
  email?: EmailSettings;
  /** The public base URL of the API, which emails link to (an invoice, a download); absent: emails carry no links to it. */
  apiUrl?: string;
  updatedAt: string;
}

/** A deployment before anyone configured it: French defaults, and no seller. */
export const unconfiguredSettings: ShopSettings = {
  currency: 'EUR',
  seller: null,
  pricesIncludeTax: true,
  vatAtDestination: true,
  terms: { version: '2026-01', url: 'https://example.com/cgv' },
  paymentTimeoutMinutes: 30,
  shipping: { originCountry: 'FR', domestic: 490, eu: 990, world: 1990, freeFrom: 6000 },
  returnWindowDays: 14,
  updatedAt: '1970-01-01T00:00:00.000Z',
};

/** The settings as they apply: a document saved before a setting existed shows its default. */
export const effectiveSettings = (settings: ShopSettings): ShopSettings => ({ ...settings, vatAtDestination: settings.vatAtDestination ?? true });

/** SIREN numbers carry a Luhn check digit. */
export const isValidSiren = (siren: string): boolean => {
  if (!/^\d{9}$/.test(siren)) return false;
  const sum = [...siren].reverse().reduce((acc, char, i) => {
    const d = Number(char) * (i % 2 === 1 ? 2 : 1);
    return acc + (d > 9 ? d - 9 : d);
  }, 0);
  return sum % 10 === 0;
};

/**
 * What is wrong with the seller's VAT number, if it is French. A French number is FR, a 2-character
 * key (digits, or letters but I and O) and the seller's SIREN; a numeric key is
 * (12 + 3 × (SIREN mod 97)) mod 97. A key with a letter (a newer style) has no formula the tax
 * office publishes: its SIREN alone is checked. Other countries' numbers keep to the shape the
 * schema checks: each country has its own rules, and only VIES says whether a number exists.
 */
export const frenchVatNumberProblem = (seller: Pick<Seller, 'vatNumber' | 'siren'>): string | undefined => {
  if (!seller.vatNumber.startsWith('FR')) return undefined;
  const [, key, siren] = /^FR([0-9A-HJ-NP-Z]{2})(\d{9})$/.exec(seller.vatNumber) ?? [];
  if (key === undefined || siren === undefined) return 'is not a French VAT number: FR, a 2-character key and the 9-digit SIREN';
  if (siren !== seller.siren) return `must end with the seller's SIREN, ${seller.siren}`;
  if (/^\d{2}$/.test(key) && Number(key) !== (12 + 3 * (Number(siren) % 97)) % 97) return `has the wrong key for SIREN ${siren}`;
  return undefined;
};

/** The business rules a settings document must meet beyond its shape; all problems at once. */
export const assertValidSettings = (settings: Omit<ShopSettings, 'updatedAt'>): void => {
  const errors: FieldError[] = [];
  if (settings.seller && !isValidSiren(settings.seller.siren)) errors.push({ path: 'seller.siren', message: 'is not a valid SIREN (9 digits, Luhn check)' });
  // Against a valid SIREN only: a wrong one is the problem to name, not the VAT number that follows it.
  const vatProblem = settings.seller && isValidSiren(settings.seller.siren) ? frenchVatNumberProblem(settings.seller) : undefined;
  if (vatProblem) errors.push({ path: 'seller.vatNumber', message: vatProblem });
  // A French invoice may be in any currency if its VAT is stated in euros, at the ECB's rate of the
  // day (CGI art. 289 IV, directive 2006/112/EC art. 230): the shop converts nothing, so it sells in euros.
  if (settings.seller?.vatNumber.startsWith('FR') && settings.currency !== 'EUR') {
    errors.push({ path: 'currency', message: 'must be EUR for a seller with a French VAT number: its invoices state VAT in euros' });
  }
  if (settings.seller && settings.seller.shareCapital.currency !== settings.currency) {
    errors.push({ path: 'seller.shareCapital.currency', message: `must be the shop's currency, ${settings.currency}` });
  }
  if (settings.returnWindowDays < 14) errors.push({ path: 'returnWindowDays', message: 'must be at least 14 (EU withdrawal period)' });
  if (errors.length > 0) throw new UnprocessableError(`The settings are not valid: ${errors.map((e) => `${e.path} ${e.message}`).join('; ')}.`, errors);
};

/** What pricing needs of the settings. */
export const storeSettingsOf = (settings: ShopSettings): StoreSettings => ({
  currency: settings.currency,
  pricesIncludeTax: settings.pricesIncludeTax,
  vatAtDestination: settings.vatAtDestination ?? true,
  originCountry: settings.shipping.originCountry,
  shipping: { domestic: settings.shipping.domestic, eu: settings.shipping.eu, world: settings.shipping.world, freeFrom: settings.shipping.freeFrom },
});

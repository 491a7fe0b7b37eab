import { UnprocessableError } from '#kernel/errors';
import type { Currency } from '#kernel/money';

/** Shipping rates per zone, in minor units; free at or above the threshold (goods after discount). */
export interface ShippingSettings {
  domestic: number;
  eu: number;
  world: number;
  freeFrom: number;
}

export interface StoreSettings {
  currency: Currency;
  /** true: EU practice, shelf prices include VAT. false: US practice, tax is added on top. */
  pricesIncludeTax: boolean;
  /**
   * true: EU customers pay their own country's VAT (OSS). false: they pay the shop's country's, as
   * a shop whose cross-border EU sales to consumers stay under €10,000 a year may (`taxCountryOf`).
   */
  vatAtDestination: boolean;
  /** Where the shop ships from: its country is the "domestic" shipping zone. */
  originCountry: string;
  shipping: ShippingSettings;
}

export const defaultStoreSettings: StoreSettings = {
  currency: 'EUR',
  pricesIncludeTax: true,
  vatAtDestination: true,
  originCountry: 'FR',
  shipping: { domestic: 490, eu: 990, world: 1990, freeFrom: 6000 },
};

/**
 * The shop sells in one currency, its settings': its shipping rates, its free-shipping threshold
 * and its fixed promotions are amounts in it, and nothing converts them. A cart, a price or a
 * promotion's minimum in another currency would be charged those amounts as if they were its own:
 * refused, 422 naming `path`.
 */
export const assertShopCurrency = (settings: Pick<StoreSettings, 'currency'>, currency: Currency, path: string): void => {
  if (currency === settings.currency) return;
  throw new UnprocessableError(`The shop sells in ${settings.currency} only, not in ${currency}.`, [{ path, message: `must be the shop's currency, ${settings.currency}` }]);
};

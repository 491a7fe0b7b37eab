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

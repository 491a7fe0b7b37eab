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
  /** Where the shop ships from: its country is the "domestic" shipping zone. */
  originCountry: string;
  shipping: ShippingSettings;
}

export const defaultStoreSettings: StoreSettings = {
  currency: 'EUR',
  pricesIncludeTax: true,
  originCountry: 'FR',
  shipping: { domestic: 490, eu: 990, world: 1990, freeFrom: 6000 },
};

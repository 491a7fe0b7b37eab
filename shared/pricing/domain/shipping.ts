import { isEu } from './tax';
import type { StoreSettings } from './store-settings';

export type ShippingZone = 'domestic' | 'eu' | 'world';

export const zoneOf = (country: string, settings: StoreSettings): ShippingZone =>
  country === settings.originCountry ? 'domestic' : isEu(country) ? 'eu' : 'world';

/**
 * Shipping for a cart, in minor units. Nothing when nothing physical is bought, nothing from
 * the free-shipping threshold (on goods after discount). Before the customer gives an address,
 * the domestic rate is shown as an estimate.
 */
export const shippingCost = (
  input: { hasPhysicalGoods: boolean; goodsAfterDiscount: number; destinationCountry?: string },
  settings: StoreSettings,
): number => {
  if (!input.hasPhysicalGoods) return 0;
  if (input.goodsAfterDiscount >= settings.shipping.freeFrom) return 0;
  return settings.shipping[zoneOf(input.destinationCountry ?? settings.originCountry, settings)];
};

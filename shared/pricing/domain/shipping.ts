import { spread } from './promotion';
import { isEu } from './tax';
import type { StoreSettings } from './store-settings';

export type ShippingZone = 'domestic' | 'eu' | 'world';

/**
 * The zone of a parcel to `destination`, a country or the territory an address's postcode names
 * (`territoryOf`): a territory outside the EU's VAT area is 'world' (it crosses a customs border)
 * even under the shop's own country's code, as Guadeloupe written FR 97110 is.
 */
export const zoneOf = (destination: string, settings: StoreSettings): ShippingZone =>
  destination === settings.originCountry ? 'domestic' : isEu(destination) ? 'eu' : 'world';

/**
 * Shipping for a cart, in minor units. Nothing when nothing physical is bought, nothing from
 * the free-shipping threshold (on goods after discount). Before the customer gives an address,
 * the domestic rate is shown as an estimate.
 */
export const shippingCost = (
  input: { hasPhysicalGoods: boolean; goodsAfterDiscount: number; destination?: string },
  settings: StoreSettings,
): number => {
  if (!input.hasPhysicalGoods) return 0;
  if (input.goodsAfterDiscount >= settings.shipping.freeFrom) return 0;
  return settings.shipping[zoneOf(input.destination ?? settings.originCountry, settings)];
};

/**
 * The shipping split across the VAT rates of the goods it delivers, highest rate first. Delivery
 * charged with goods is accessory to their supply and follows their VAT (CGI art. 267 I 2°,
 * BOFiP BOI-TVA-LIQ-10-10): goods at one rate, all of it at that rate; at several rates, pro rata
 * of the goods' amounts after discount at each rate. Only physical goods are delivered: the caller
 * passes those. The parts are whole minor units adding up exactly to the shipping (largest
 * remainder, as `spread`; on a tie the higher rate takes the cent). Goods that cost nothing after
 * discount give no prorata: the delivery then bears the highest of their rates.
 */
export const shippingByRate = (shipping: number, goods: readonly { rate: number; amount: number }[]): { rate: number; amount: number }[] => {
  const weights = new Map<number, number>();
  for (const { rate, amount } of goods) weights.set(rate, (weights.get(rate) ?? 0) + amount);
  const rates = [...weights.keys()].sort((a, b) => b - a);
  if (shipping === 0 || rates.length === 0) return [];
  const amounts = rates.map((rate) => weights.get(rate) ?? 0);
  const parts = amounts.some((a) => a > 0) ? spread(shipping, amounts) : [shipping];
  return rates.map((rate, i) => ({ rate, amount: parts[i] ?? 0 })).filter((part) => part.amount > 0);
};

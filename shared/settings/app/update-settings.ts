import { assertValidSettings, effectiveSettings, type ShopSettings } from '../domain/settings';
import type { SettingsDeps } from './ports';

/**
 * Replaces the whole settings document (admin).
 * 1. Checks what the shape cannot (SIREN's check digit, a French VAT number's SIREN and key,
 *    euros for a seller with a French VAT number, capital in the shop's currency, a return window
 *    of at least 14 days): 422 naming each field.
 *    The currency may change otherwise: products, carts and promotions in the former one are then
 *    refused (a price must be set again; a cart in it is not checked out), never converted.
 * 2. Saves it with the time of the change, never an `updatedAt` the client sent back.
 * Orders placed and invoices issued before keep what they were made with.
 */
export const updateSettings = async (deps: SettingsDeps, settings: Omit<ShopSettings, 'updatedAt'>): Promise<ShopSettings> => {
  assertValidSettings(settings);
  const saved = { ...settings, updatedAt: deps.clock().toISOString() };
  await deps.store.save(saved);
  return effectiveSettings(saved);
};

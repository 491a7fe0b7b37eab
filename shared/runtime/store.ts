import * as z from 'zod';
import { defaultStoreSettings, type StoreSettings } from '#domain/pricing/index';
import { loadConfig } from './config';

/**
 * The shop's selling terms from the environment, read once. Defaults suit a French shop:
 * euros, tax-inclusive prices; `PRICES_INCLUDE_TAX=false` switches to US-style prices.
 */
const StoreConfig = z.object({
  PRICES_INCLUDE_TAX: z.enum(['true', 'false']).default('true'),
  TERMS_VERSION: z.string().min(1).default('2026-01'),
  PAYMENT_TIMEOUT_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(30),
});

const config = loadConfig(StoreConfig);

export const storeSettings: StoreSettings = { ...defaultStoreSettings, pricesIncludeTax: config.PRICES_INCLUDE_TAX === 'true' };
export const termsVersion = config.TERMS_VERSION;
export const paymentTimeoutMinutes = config.PAYMENT_TIMEOUT_MINUTES;

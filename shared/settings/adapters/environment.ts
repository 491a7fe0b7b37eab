/**
 * The shop's settings, read from the environment of functions granted `shop:settings`
 * (seeded from CDK context at deploy). Where terms, prices and the seller on invoices come from.
 */
import type { Seller } from '#payments/index';
import { defaultStoreSettings, type StoreSettings } from '#pricing/domain/index';
import type { FunctionConfig } from '#runtime/config';

type ShopConfig = FunctionConfig<'checkout'>['shop'];

/** The shop's selling terms, from the `shop` section of a function's configuration. */
export const shopTerms = (shop: ShopConfig) => ({
  settings: { ...defaultStoreSettings, pricesIncludeTax: shop.PRICES_INCLUDE_TAX === 'true' } satisfies StoreSettings,
  termsVersion: shop.TERMS_VERSION,
  paymentTimeoutMinutes: shop.PAYMENT_TIMEOUT_MINUTES,
});

/** The shop's legal identity, printed on invoices. */
export const sellerOf = (shop: ShopConfig): Seller => ({
  name: shop.SELLER_NAME,
  legalForm: shop.SELLER_LEGAL_FORM,
  address: { name: shop.SELLER_NAME, line1: shop.SELLER_ADDRESS_LINE1, postalCode: shop.SELLER_POSTAL_CODE, city: shop.SELLER_CITY, country: shop.SELLER_COUNTRY },
  siren: shop.SELLER_SIREN,
  vatNumber: shop.SELLER_VAT_NUMBER,
  shareCapital: shop.SELLER_SHARE_CAPITAL,
  rcs: shop.SELLER_RCS,
  email: shop.SELLER_EMAIL,
});

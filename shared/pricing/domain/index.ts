export { priceCart, promotableSubtotal, type PricedCart, type PricedLine, type PricingInput, type PricingLine, type ProductType } from './price-cart';
export { checkPromotion, discountOf, spread, type Promotion, type PromotionCheck } from './promotion';
export { shippingCost, zoneOf, type ShippingZone } from './shipping';
export { assertShopCurrency, defaultStoreSettings, type ShippingSettings, type StoreSettings } from './store-settings';
export { isEu, placeOfSupply, taxIncluded, taxOnTop, vatRate, type TaxCategory } from './tax';

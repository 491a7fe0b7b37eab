import { changeStock } from '#catalog/app/change-stock';
import { saveProduct, type ProductDetails } from '#catalog/app/save-product';
import type { ProductRepository } from '#catalog/app/ports';
import type { SettingsStore } from '#settings/app/ports';
import { unconfiguredSettings, type ShopSettings } from '#settings/domain/settings';

const eur = (amount: number) => ({ amount, currency: 'EUR' as const });

/**
 * A small French shop: tax-inclusive prices in cents, standard (20 %), reduced (5.5 %) and digital
 * goods. Physical goods have a reorder point below their stock, so that a few sales tell the shop
 * (`StockLow`); the headphones' is 0: the shop hears of them when the last one is sold.
 */
const catalog: (ProductDetails & { stock?: number })[] = [
  { sku: 'MUG-ENAMEL-BLUE', name: 'Mug émaillé bleu', description: 'Mug en acier émaillé, 35 cl.', type: 'physical', price: eur(1490), taxCategory: 'standard', category: 'kitchen', stock: 40, reorderPoint: 5 },
  { sku: 'TEAPOT-CAST-IRON', name: 'Théière en fonte', description: 'Théière japonaise, 0,8 l, filtre inox.', type: 'physical', price: eur(5900), taxCategory: 'standard', category: 'kitchen', stock: 4, reorderPoint: 2 },
  { sku: 'APRON-LINEN', name: 'Tablier en lin', description: 'Lin lavé, fabriqué en France.', type: 'physical', price: eur(3500), taxCategory: 'standard', category: 'kitchen', stock: 15, reorderPoint: 5 },
  { sku: 'TEE-ORGANIC-M', name: 'T-shirt coton bio (M)', description: 'Coton biologique, coupe droite.', type: 'physical', price: eur(2900), taxCategory: 'standard', category: 'apparel', stock: 25, reorderPoint: 5 },
  { sku: 'SWEAT-NAVY-L', name: 'Sweat marine (L)', description: 'Molleton gratté, 350 g/m².', type: 'physical', price: eur(6500), taxCategory: 'standard', category: 'apparel', stock: 3, reorderPoint: 1 },
  { sku: 'HEADPHONES-BT', name: 'Casque Bluetooth', description: 'Réduction de bruit active, 30 h d’autonomie.', type: 'physical', price: eur(12900), taxCategory: 'standard', category: 'audio', stock: 8, reorderPoint: 0 },
  { sku: 'BOOK-PETIT-PRINCE', name: 'Le Petit Prince', description: 'Antoine de Saint-Exupéry, édition illustrée.', type: 'physical', price: eur(890), taxCategory: 'books', category: 'books', stock: 60, reorderPoint: 10 },
  { sku: 'BOOK-CUISINE-FR', name: 'La cuisine française', description: 'Recettes de toutes les régions, 480 pages.', type: 'physical', price: eur(3200), taxCategory: 'books', category: 'books', stock: 12, reorderPoint: 5 },
  { sku: 'BOOK-GUIDE-PARIS', name: 'Guide de Paris', description: 'Guide de voyage, édition 2026.', type: 'physical', price: eur(1990), taxCategory: 'books', category: 'books', stock: 5, reorderPoint: 2 },
  { sku: 'EBOOK-MISERABLES', name: 'Les Misérables (ebook)', description: 'Victor Hugo, EPUB sans DRM.', type: 'digital', price: eur(499), taxCategory: 'books', category: 'ebooks' },
  { sku: 'COURSE-PHOTO', name: 'Cours de photo en ligne', description: '12 leçons vidéo, accès à vie.', type: 'digital', price: eur(7900), taxCategory: 'digital', category: 'courses' },
  { sku: 'ALBUM-JAZZ-FLAC', name: 'Album jazz (FLAC)', description: 'Enregistrement live, 24 bits.', type: 'digital', price: eur(1299), taxCategory: 'digital', category: 'music' },
  { sku: 'GIFT-CARD-50', name: 'Carte cadeau 50 €', description: 'Valable un an sur toute la boutique.', type: 'digital', price: eur(5000), taxCategory: 'zero', category: 'gifts' },
];

/** Seeds the demo catalog through the same use cases the admin API uses, once: skipped when products exist. */
export const seedCatalog = async (deps: { products: ProductRepository; ids: () => string; clock: () => Date }): Promise<number> => {
  const existing = await deps.products.list({ limit: 1 });
  if (existing.items.length > 0) return 0;
  for (const { stock, ...details } of catalog) {
    // Priced in euros, the demo shop's currency.
    await saveProduct({ ...deps, settings: demoSettings }, details, 'seed');
    if (stock !== undefined) await changeStock(deps, details.sku, { set: stock }, 'seed');
  }
  return catalog.length;
};

/**
 * The demo shop's settings: French defaults and a seller, so that invoices have one locally. A
 * deployed shop gets its own from the CDK context `shop` (or `PUT /admin/settings`), never these.
 */
export const demoSettings: ShopSettings = {
  ...unconfiguredSettings,
  seller: {
    name: 'Boutique Démo',
    legalForm: 'SAS',
    address: { name: 'Boutique Démo', line1: '10 rue de Rivoli', postalCode: '75004', city: 'Paris', country: 'FR' },
    siren: '732829320',
    vatNumber: 'FR44732829320',
    shareCapital: eur(1_000_000),
    rcs: 'RCS Paris 732 829 320',
    email: 'factures@example.com',
  },
  // The emails come from this address and link to the local API (`seedSettings` sets its port).
  email: { from: 'boutique@example.com', replyTo: 'contact@example.com' },
  apiUrl: 'http://127.0.0.1:3000',
};

/** Seeds the demo settings once: a shop's own settings, once saved, are never overwritten. */
export const seedSettings = async (store: SettingsStore, clock: () => Date, apiUrl = demoSettings.apiUrl): Promise<boolean> => {
  if (await store.get()) return false;
  await store.save({ ...demoSettings, apiUrl, updatedAt: clock().toISOString() });
  return true;
};

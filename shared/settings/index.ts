/** What other contexts may use of the settings: the document, reading it (cached), and what pricing needs of it. */
export type { EmailSettings, Seller, ShopSettings } from './domain/settings';
export { storeSettingsOf } from './domain/settings';
export type { SettingsReader } from './app/ports';
export { SettingsBodySchema } from './contracts/http';
export { assertValidSettings } from './domain/settings';
export { createSettingsReader, settingsItem } from './adapters/settings-store';

import type { Clock } from '#kernel/ports';
import type { ShopSettings } from '../domain/settings';

/** Where the settings document is kept. */
export interface SettingsStore {
  /** The document, or undefined before the first save. */
  get(): Promise<ShopSettings | undefined>;
  save(settings: ShopSettings): Promise<void>;
}

/** The settings as functions read them on every request: cached a short while, never stale for long. */
export type SettingsReader = () => Promise<ShopSettings>;

export interface SettingsDeps {
  store: SettingsStore;
  clock: Clock;
}

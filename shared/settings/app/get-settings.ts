import { effectiveSettings, unconfiguredSettings, type ShopSettings } from '../domain/settings';
import type { SettingsDeps } from './ports';

/** The shop's settings; a deployment nobody configured yet answers its defaults, without a seller. */
export const getSettings = async (deps: Pick<SettingsDeps, 'store'>): Promise<ShopSettings> => effectiveSettings((await deps.store.get()) ?? unconfiguredSettings);

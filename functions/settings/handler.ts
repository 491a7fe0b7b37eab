import { createSettingsStore } from '#settings/adapters/settings-store';
import { getSettings } from '#settings/app/get-settings';
import { updateSettings } from '#settings/app/update-settings';
import { settingsFunctions } from '#settings/functions';
import { settingsRoutes } from '#settings/routes';
import { documentClient } from '#runtime/clients';
import { systemClock } from '#runtime/clock';
import { loadFunctionConfig } from '#runtime/config';
import { httpHandler } from '#runtime/http';

const config = loadFunctionConfig(settingsFunctions, 'settings');
const deps = { store: createSettingsStore(documentClient, config.table.TABLE_NAME), clock: systemClock };

/** The shop's settings, for its administrators. */
export const handler = httpHandler(settingsRoutes, 'settings', {
  'GET /admin/settings': () => getSettings(deps),
  'PUT /admin/settings': ({ body }) => updateSettings(deps, body),
});

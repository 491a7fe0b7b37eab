import type { ContextWiring } from '#runtime/wiring-spec';
import { settingsFunctions } from './functions';
import { SettingsBodySchema, SettingsSchema } from './contracts/http';

/** The shop's settings: its legal identity, terms, prices with or without tax, shipping, return window. */
export const settingsWiring = {
  functions: settingsFunctions,
  routes: {
    'GET /admin/settings': {
      function: 'settings',
      auth: 'admin',
      summary: "The shop's settings",
      response: { status: 200, schema: SettingsSchema },
    },
    'PUT /admin/settings': {
      function: 'settings',
      auth: 'admin',
      summary: 'Replace the whole settings document (applies to what happens after it)',
      body: SettingsBodySchema,
      response: { status: 200, schema: SettingsSchema },
    },
  },
  queues: {},
  schedules: {},
  events: [],
} as const satisfies ContextWiring;

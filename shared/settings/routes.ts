import { SettingsBodySchema, SettingsSchema } from './contracts/http';
import type { RouteSpec } from '#runtime/wiring-spec';

/**
 * The settings context's HTTP routes, one group per function. A function's handler imports its own
 * group only: so its bundle holds, and its cold start builds, the schemas of its routes and no other.
 */

export const settingsRoutes = {
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
} as const satisfies Record<string, RouteSpec>;

import type { ContextWiring } from '#runtime/wiring-spec';
import { settingsFunctions } from './functions';
import { settingsRoutes } from './routes';

/** The shop's settings: its legal identity, terms, prices with or without tax, shipping, return window. */
export const settingsWiring = {
  functions: settingsFunctions,
  routes: settingsRoutes,
  queues: {},
  schedules: {},
  events: [],
} as const satisfies ContextWiring;

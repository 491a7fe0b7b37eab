import type { ContextWiring } from '#runtime/wiring-spec';
import { operationsFunctions } from './functions';
import { operationsRoutes } from './routes';

/** The event path run by the shop's operators: the outbox relay, dead letters to look at and redrive. */
export const operationsWiring = {
  functions: operationsFunctions,
  routes: operationsRoutes,
  queues: {},
  schedules: {},
  events: [],
} as const satisfies ContextWiring;

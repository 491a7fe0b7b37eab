import type { ContextWiring } from '#runtime/wiring-spec';
import { cartFunctions } from './functions';
import { cartsRoutes } from './routes';

/** Carts and the promotion codes applied to them. */
export const cartWiring = {
  functions: cartFunctions,
  routes: cartsRoutes,
  queues: {},
  schedules: {},
  events: [],
} as const satisfies ContextWiring;

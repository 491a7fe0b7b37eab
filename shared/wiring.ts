/**
 * The single source of truth for how the system is wired, composed from each bounded
 * context's own `wiring.ts`: HTTP routes, functions, queues (and the rules that feed them),
 * schedules and event contracts. `infra/aws` builds the CDK stacks from it, `infra/local` the
 * local runtime, `shared/runtime/openapi.ts` the OpenAPI document; `test/infra` checks the
 * synthesized template against it. A duplicate route, function, queue or schedule is refused here.
 */
import type { EventContract } from '#kernel/events';
import { cartWiring } from '#cart/wiring';
import { catalogWiring } from '#catalog/wiring';
import { fulfillmentWiring } from '#fulfillment/wiring';
import { returnsWiring } from '#returns/wiring';
import { notificationsWiring } from '#notifications/wiring';
import { operationsWiring } from '#operations/wiring';
import { orderingWiring } from '#ordering/wiring';
import { paymentsWiring } from '#payments/wiring';
import { settingsWiring } from '#settings/wiring';
import type { ContextWiring, EventPattern, FunctionSpec, QueueSpec, RouteSpec, ScheduleSpec } from '#runtime/wiring-spec';

export type { Auth, ContextWiring, EventPattern, FunctionSpec, Grant, PatternValue, QueueSpec, RouteSpec, ScheduleSpec } from '#runtime/wiring-spec';

export const contexts = {
  catalog: catalogWiring,
  cart: cartWiring,
  ordering: orderingWiring,
  payments: paymentsWiring,
  fulfillment: fulfillmentWiring,
  returns: returnsWiring,
  notifications: notificationsWiring,
  settings: settingsWiring,
  operations: operationsWiring,
} as const;

type Contexts = typeof contexts;
type Union<K extends keyof ContextWiring> = { [C in keyof Contexts]: Contexts[C][K] }[keyof Contexts];
type Intersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;
type Composed<K extends keyof ContextWiring> = Intersection<Union<K>>;

/**
 * Composes the contexts' declarations into one: the same function, route, queue or schedule
 * name declared twice is refused, and every name a route, queue or schedule points at must be
 * a function of the right kind. Rules follow from the queues (see `ruleFor`).
 */
export const composeWiring = (parts: Record<string, ContextWiring>) => {
  const merge = <K extends 'functions' | 'routes' | 'queues' | 'schedules'>(kind: K) => {
    const merged: Record<string, ContextWiring[K][string]> = {};
    for (const [context, wiring] of Object.entries(parts)) {
      for (const [name, spec] of Object.entries(wiring[kind])) {
        if (name in merged) throw new Error(`The wiring declares ${kind} "${name}" twice (again in ${context}).`);
        merged[name] = spec as ContextWiring[K][string];
      }
    }
    return merged;
  };
  const composed = { functions: merge('functions'), routes: merge('routes'), queues: merge('queues'), schedules: merge('schedules') };
  const check = (ok: boolean, message: string) => {
    if (!ok) throw new Error(`The wiring is inconsistent: ${message}.`);
  };
  const kindOf = (fn: string) => (composed.functions[fn] as FunctionSpec | undefined)?.kind;
  for (const [key, route] of Object.entries(composed.routes) as [string, RouteSpec][]) check(kindOf(route.function) === 'http', `route ${key} names ${route.function}, not an HTTP function`);
  for (const [name, queue] of Object.entries(composed.queues) as [string, QueueSpec][]) check(kindOf(queue.worker) === 'worker', `queue ${name} names ${queue.worker}, not a worker`);
  for (const [name, schedule] of Object.entries(composed.schedules) as [string, ScheduleSpec][]) check(kindOf(schedule.function) === 'scheduled', `schedule ${name} names ${schedule.function}, not a scheduled function`);
  const rules = Object.fromEntries((Object.entries(composed.queues) as [string, QueueSpec][]).map(([name, spec]) => [name, { ...ruleFor(spec), queue: name }]));
  const events: readonly EventContract[] = Object.values(parts).flatMap((c): readonly EventContract[] => c.events);
  return { ...composed, rules, events };
};

export interface RuleSpec {
  description: string;
  pattern: EventPattern;
  queue: QueueName;
}

/**
 * One EventBridge rule per queue, from the contracts its worker consumes: their sources and
 * detail-types, narrowed by the queue's content filter. Never typed by hand.
 */
export const ruleFor = (spec: QueueSpec): Omit<RuleSpec, 'queue'> => ({
  description: spec.description,
  pattern: {
    source: [...new Set(spec.consumes.map((c) => c.source))],
    'detail-type': spec.consumes.map((c) => c.name),
    ...spec.filter,
  },
});

const composed = composeWiring(contexts);

export const functions = composed.functions as Composed<'functions'>;
export const routes = composed.routes as Composed<'routes'>;
export const queues = composed.queues as Composed<'queues'>;
export const schedules = composed.schedules as Composed<'schedules'>;

export type FunctionName = keyof typeof functions;
export type RouteKey = keyof typeof routes;
export type QueueName = keyof typeof queues;

/** Every event contract, each declared by the context that owns it. */
export const eventContracts = composed.events;

export const rules = composed.rules as Record<QueueName, RuleSpec>;

/** The bounded context that declares a function (its CDK construct is named after it). */
export const contextOf = (fn: FunctionName): keyof Contexts =>
  (Object.keys(contexts) as (keyof Contexts)[]).find((c) => fn in contexts[c].functions) as keyof Contexts;

export const busName = 'commerce';

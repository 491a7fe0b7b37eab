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
import { notificationsWiring } from '#notifications/wiring';
import { orderingWiring } from '#ordering/wiring';
import { paymentsWiring } from '#payments/wiring';
import type { ContextWiring, EventPattern, FunctionSpec, QueueSpec, RouteSpec, ScheduleSpec } from '#runtime/wiring-spec';

export type { Auth, ContextWiring, EventPattern, FunctionSpec, Grant, PatternValue, QueueSpec, RouteSpec, ScheduleSpec } from '#runtime/wiring-spec';

export const contexts = {
  catalog: catalogWiring,
  cart: cartWiring,
  ordering: orderingWiring,
  payments: paymentsWiring,
  notifications: notificationsWiring,
} as const;

type Contexts = typeof contexts;
type Union<K extends keyof ContextWiring> = { [C in keyof Contexts]: Contexts[C][K] }[keyof Contexts];
type Intersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;
type Composed<K extends keyof ContextWiring> = Intersection<Union<K>>;

/** Merges one kind of declaration across contexts; the same name declared twice is an error. */
const merge = <K extends 'functions' | 'routes' | 'queues' | 'schedules'>(kind: K): Composed<K> => {
  const merged: Record<string, unknown> = {};
  for (const [context, wiring] of Object.entries(contexts) as [string, ContextWiring][]) {
    for (const [name, spec] of Object.entries(wiring[kind])) {
      if (name in merged) throw new Error(`The wiring declares ${kind} "${name}" twice (again in ${context}).`);
      merged[name] = spec;
    }
  }
  return merged as Composed<K>;
};

export const functions = merge('functions');
export const routes = merge('routes');
export const queues = merge('queues');
export const schedules = merge('schedules');

export type FunctionName = keyof typeof functions;
export type RouteKey = keyof typeof routes;
export type QueueName = keyof typeof queues;

/** Every event contract, each declared by the context that owns it. */
export const eventContracts: readonly EventContract[] = Object.values(contexts).flatMap((c): readonly EventContract[] => c.events);

/** The bounded context that declares a function (its CDK construct is named after it). */
export const contextOf = (fn: FunctionName): keyof Contexts =>
  (Object.keys(contexts) as (keyof Contexts)[]).find((c) => fn in contexts[c].functions) as keyof Contexts;

export interface RuleSpec {
  description: string;
  pattern: EventPattern;
  queue: QueueName;
}

/**
 * One EventBridge rule per queue, from the contracts its worker consumes: their sources and
 * detail-types, narrowed by the queue's content filter. Never typed by hand.
 */
const ruleFor = (spec: QueueSpec): Omit<RuleSpec, 'queue'> => ({
  description: spec.description,
  pattern: {
    source: [...new Set(spec.consumes.map((c) => c.source))],
    'detail-type': spec.consumes.map((c) => c.name),
    ...spec.filter,
  },
});

export const rules = Object.fromEntries(
  (Object.entries(queues) as [QueueName, QueueSpec][]).map(([name, spec]) => [name, { ...ruleFor(spec), queue: name }]),
) as Record<QueueName, RuleSpec>;

// What the names point at must exist: a route's function, a queue's worker, a schedule's function.
const check = (ok: boolean, message: string) => {
  if (!ok) throw new Error(`The wiring is inconsistent: ${message}.`);
};
const fns = functions as Record<string, FunctionSpec>;
for (const [key, route] of Object.entries(routes as Record<string, RouteSpec>)) check(fns[route.function]?.kind === 'http', `route ${key} names ${route.function}, not an HTTP function`);
for (const [name, queue] of Object.entries(queues as Record<string, QueueSpec>)) check(fns[queue.worker]?.kind === 'worker', `queue ${name} names ${queue.worker}, not a worker`);
for (const [name, schedule] of Object.entries(schedules as Record<string, ScheduleSpec>)) check(fns[schedule.function]?.kind === 'scheduled', `schedule ${name} names ${schedule.function}, not a scheduled function`);

export const busName = 'commerce';

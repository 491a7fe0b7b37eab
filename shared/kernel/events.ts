import * as z from 'zod/mini';
import { deferred } from './deferred';
import './zod-locale';

/**
 * One business fact published on the `commerce` bus. The EventBridge `detail-type` is the
 * name, the `source` says which context states it, and the `detail` is
 * `{ metadata: { eventId, version, occurredAt, correlationId }, data }`.
 * A breaking change to `data` gets a new version; consumers match on both.
 */
export interface EventContract<Name extends string = string, Schema extends z.ZodMiniType = z.ZodMiniType> {
  name: Name;
  source: `commerce.${string}`;
  version: number;
  description: string;
  readonly schema: Schema;
}

/**
 * A contract whose schema is built the first time it is read (to publish, to consume, to document
 * it), not when its module loads: a worker that consumes several events builds those it receives,
 * and a function that imports a contract to name it builds nothing (issue 15).
 */
export const defineEvent = <Name extends string, Schema extends z.ZodMiniType>({
  schema,
  ...contract
}: Omit<EventContract<Name, Schema>, 'schema'> & { schema: () => Schema }): EventContract<Name, Schema> => {
  return { ...contract, schema: deferred(schema) };
};

/** Events carry money the same way the API does: integer minor units and a currency. */
export const EventMoneySchema = /* @__PURE__ */ deferred(() => z.object({ amount: z.number().check(z.int()), currency: z.enum(['EUR', 'USD', 'GBP']) }));

export const EventMetadataSchema = /* @__PURE__ */ deferred(() => z.object({
  eventId: z.string().check(z.minLength(1)),
  version: z.number().check(z.int(), z.minimum(1)),
  occurredAt: z.iso.datetime(),
  correlationId: z.string().check(z.minLength(1)),
}));

export type EventMetadata = z.infer<typeof EventMetadataSchema>;

/** The `detail` of an event for one contract. */
export const detailSchema = (contract: EventContract) =>
  z.object({ metadata: z.extend(EventMetadataSchema, { version: z.literal(contract.version) }), data: contract.schema });

/** An EventBridge event as a rule target (SQS, Lambda) receives it. */
export const BusEventSchema = /* @__PURE__ */ deferred(() => z.object({
  id: z.optional(z.string()),
  source: z.string(),
  'detail-type': z.string(),
  time: z.optional(z.string()),
  detail: z.object({ metadata: EventMetadataSchema, data: z.unknown() }),
}));

export type BusEvent = z.infer<typeof BusEventSchema>;

/**
 * The identity of a fact learnt from elsewhere (a Stripe event): its id and the time it happened,
 * both from the source, so that every delivery of it makes the same envelope.
 */
export interface FactIdentity {
  eventId: string;
  occurredAt: string;
}

/** A business fact to publish, with the contract that validates it. */
export interface OutgoingEvent {
  contract: EventContract;
  data: unknown;
  /** Set when the fact has an identity of its own (a Stripe event): every delivery of it is then one fact. */
  eventId?: string;
  /** Set with `eventId` for such a fact: when it happened, not when this copy of it was published. */
  occurredAt?: string;
}

/** A typed event: the compiler checks `data` against the contract's schema. */
export const eventOf = <C extends EventContract>(contract: C, data: z.input<C['schema']>, identity?: FactIdentity): OutgoingEvent => ({
  contract,
  data,
  ...identity,
});

export interface EventPublisher {
  /** Publishes all events or throws; the caller has already written its state. */
  publish(events: readonly OutgoingEvent[], correlationId: string): Promise<void>;
}

import * as z from 'zod';

/**
 * One business fact published on the `commerce` bus. The EventBridge `detail-type` is the
 * name, the `source` says which context states it, and the `detail` is
 * `{ metadata: { eventId, version, occurredAt, correlationId }, data }`.
 * A breaking change to `data` gets a new version; consumers match on both.
 */
export interface EventContract<Name extends string = string, Schema extends z.ZodType = z.ZodType> {
  name: Name;
  source: string;
  version: number;
  description: string;
  schema: Schema;
}

export const defineEvent = <Name extends string, Schema extends z.ZodType>(
  contract: EventContract<Name, Schema>,
): EventContract<Name, Schema> => contract;

export const EventMetadataSchema = z.object({
  eventId: z.string().min(1),
  version: z.number().int().min(1),
  occurredAt: z.iso.datetime(),
  correlationId: z.string().min(1),
});

export type EventMetadata = z.infer<typeof EventMetadataSchema>;

/** The `detail` of an event for one contract. */
export const detailSchema = (contract: EventContract) =>
  z.object({ metadata: EventMetadataSchema.extend({ version: z.literal(contract.version) }), data: contract.schema });

/** An EventBridge event as a rule target (SQS, Lambda) receives it. */
export const BusEventSchema = z.object({
  id: z.string().optional(),
  source: z.string(),
  'detail-type': z.string(),
  time: z.string().optional(),
  detail: z.object({ metadata: EventMetadataSchema, data: z.unknown() }),
});

export type BusEvent = z.infer<typeof BusEventSchema>;

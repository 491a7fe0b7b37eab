/**
 * The event catalog: one JSON Schema per event contract, describing the whole event as
 * EventBridge delivers it to a target (envelope and `detail`). Draft-04, the dialect the
 * EventBridge Schema Registry accepts (type `JSONSchemaDraft4`). Written to `events-catalog/`
 * by `npm run events:catalog` and published to the registry `commerce-events`.
 */
import * as z from 'zod/mini';
import { detailSchema, type EventContract } from '#kernel/events';
import { eventContracts } from '#wiring';
import { toJsonSchema, type JsonSchema } from './json-schema';

/**
 * The envelope EventBridge wraps around every `detail` ("Amazon EventBridge events" in the
 * EventBridge user guide). Every field is always present; a replayed event also carries
 * `replay-name`, which the open top level accepts, as it accepts any field EventBridge adds.
 */
const eventSchema = (contract: EventContract) =>
  z.object({
    version: z.string().check(z.describe('The envelope version: "0".')),
    id: z.string().check(z.describe('Unique per delivery to the bus; the fact itself is `detail.metadata.eventId`.')),
    'detail-type': z.literal(contract.name),
    source: z.literal(contract.source),
    account: z.string(),
    time: z.iso.datetime({ offset: true }),
    region: z.string(),
    resources: z.array(z.string()),
    detail: detailSchema(contract),
  });

/** The JSON Schema of one event. Every object stays open: a consumer must accept fields we add later. */
export const eventJsonSchema = (contract: EventContract): JsonSchema => {
  const { $schema, ...schema } = toJsonSchema(eventSchema(contract), { target: 'draft-04', io: 'output', allOpen: true });
  return {
    $schema,
    title: contract.name,
    description: `${contract.description} (version ${contract.version} of its \`data\`)`,
    // The keys the EventBridge Schema Registry writes on the schemas it discovers.
    'x-amazon-events-source': contract.source,
    'x-amazon-events-detail-type': contract.name,
    ...schema,
  };
};

/** The file of each event: `<detail-type>.json`, as API.md names them. */
export const eventCatalog = (contracts: readonly EventContract[] = eventContracts) =>
  contracts.map((contract) => ({ file: `${contract.name}.json`, contract, schema: eventJsonSchema(contract) }));

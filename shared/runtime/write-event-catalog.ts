/**
 * `npm run events:catalog`: writes one JSON Schema per event (the whole EventBridge event, with
 * its `detail`) to `events-catalog/` (or the folder given as first argument), plus an index.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as z from 'zod';
import { detailSchema } from '#kernel/events';
import { eventContracts } from '#wiring';

const outDir = process.argv[2] ?? 'events-catalog';
mkdirSync(outDir, { recursive: true });

const index = eventContracts.map((contract) => {
  const eventSchema = z.object({
    source: z.literal(contract.source),
    'detail-type': z.literal(contract.name),
    detail: detailSchema(contract),
  });
  const file = `${contract.name}.v${contract.version}.schema.json`;
  const jsonSchema = {
    $id: `urn:commerce:events:${contract.name}:v${contract.version}`,
    title: contract.name,
    description: contract.description,
    ...z.toJSONSchema(eventSchema, { target: 'draft-2020-12', io: 'output' }),
  };
  writeFileSync(join(outDir, file), `${JSON.stringify(jsonSchema, null, 2)}\n`);
  return { name: contract.name, source: contract.source, version: contract.version, description: contract.description, schema: file };
});

writeFileSync(join(outDir, 'index.json'), `${JSON.stringify({ bus: 'commerce', events: index }, null, 2)}\n`);
console.log(`wrote ${index.length} event schemas to ${outDir}/`);

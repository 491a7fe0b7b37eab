/**
 * `npm run events:catalog`: writes one JSON Schema (draft-04) per event to `events-catalog/`
 * (or the folder given as first argument), named `<detail-type>.json`.
 */
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { eventCatalog } from './event-catalog';

const outDir = process.argv[2] ?? 'events-catalog';
mkdirSync(outDir, { recursive: true });
// A renamed or removed event must not leave its old schema behind.
for (const file of readdirSync(outDir)) if (file.endsWith('.json')) rmSync(join(outDir, file));

const catalog = eventCatalog();
for (const { file, schema } of catalog) writeFileSync(join(outDir, file), `${JSON.stringify(schema, null, 2)}\n`);
console.log(`wrote ${catalog.length} event schemas to ${outDir}/`);

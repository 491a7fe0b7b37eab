/**
 * `npm run openapi`: writes the OpenAPI document to `functions/catalog/openapi.json`, the file
 * the catalog function serves (generated here rather than at each cold start). Commit it: a test
 * fails when it differs from what the wiring generates now.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { openApiDocument } from './openapi';

export const openApiFile = fileURLToPath(new URL('../../functions/catalog/openapi.json', import.meta.url));

/** The file's exact text, so that a stale copy shows as a diff. */
export const openApiText = (): string => `${JSON.stringify(openApiDocument(), null, 2)}\n`;

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeFileSync(openApiFile, openApiText());
  console.log(`wrote ${openApiFile}`);
}

import { readdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { verifyLocalDownload } from '#fulfillment/adapters/download-links';
import { ForbiddenError } from '#kernel/errors';
import type { SigningKey } from '#runtime/signing';
import { DevReply } from './http-adapter';

/** The sample files that stand in for digital products locally: `<sku>.<ext>`. */
const folder = join(dirname(fileURLToPath(import.meta.url)), 'downloads');

/**
 * `GET /dev/downloads?order=&sku=&expires=&signature=`: what S3 does with a presigned GET. A link
 * whose signature does not match (any part changed) or whose time is past on the runtime's clock
 * → 403; a product with no sample file gets a generated placeholder.
 */
export const serveDownload = (signing: SigningKey, now: () => Date) => async (_body: string, query: URLSearchParams) => {
  const link = verifyLocalDownload(signing, query, now());
  if (!link) throw new ForbiddenError('This download link is not valid or has expired.');
  const file = (await readdir(folder)).find((name) => name.slice(0, name.lastIndexOf('.')) === link.sku);
  const bytes = file ? await readFile(join(folder, file)) : Buffer.from(`Sample download of ${link.sku} (local runtime).\n`);
  const name = file ?? `${link.sku}.txt`;
  return new DevReply(200, bytes, {
    'content-type': name.endsWith('.txt') ? 'text/plain; charset=utf-8' : 'application/octet-stream',
    'content-disposition': `attachment; filename="${name}"`,
    'cache-control': 'private, no-store',
    'x-content-type-options': 'nosniff',
  });
};

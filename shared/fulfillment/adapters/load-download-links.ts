import type { FunctionConfig } from '#runtime/config';
import type { SigningKeyOnFirstUse } from '#runtime/signing-on-first-use';
import type { DownloadLinks } from '../app/ports';
import { localDownloadLinks } from './download-links';
import type { s3DownloadLinks } from './s3-download-links';

type DownloadsConfig = FunctionConfig<'downloads'>['downloads'];

/**
 * The signer of this deployment's download links: the S3 bucket in AWS, the local runtime's
 * signed links on a laptop. `s3Links` is the S3 signer (`s3-download-links.ts`), which a function
 * whose every request signs links imports with the rest of its code: an `import()` at load would
 * then wait for its file on its own.
 */
export const createDownloadLinks = (config: DownloadsConfig, signing: SigningKeyOnFirstUse, s3Links: typeof s3DownloadLinks): DownloadLinks => {
  if (config.DOWNLOADS_BASE_URL) return localDownloadLinks(config.DOWNLOADS_BASE_URL, signing);
  if (!config.DOWNLOADS_BUCKET) throw new Error('Configuration is incomplete: set DOWNLOADS_BUCKET (AWS) or DOWNLOADS_BASE_URL (local).');
  return s3Links(config.DOWNLOADS_BUCKET);
};

/**
 * The same, for a function that signs links on some paths only: the S3 signer, a chunk of its
 * own, is loaded when first needed, and only in AWS.
 */
export const loadDownloadLinks = async (config: DownloadsConfig, signing: SigningKeyOnFirstUse): Promise<DownloadLinks> => {
  if (config.DOWNLOADS_BASE_URL) return localDownloadLinks(config.DOWNLOADS_BASE_URL, signing);
  return createDownloadLinks(config, signing, (await import('./s3-download-links')).s3DownloadLinks);
};

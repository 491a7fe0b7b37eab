import type { FunctionConfig } from '#runtime/config';
import type { SigningKey } from '#runtime/signing';
import type { DownloadLinks } from '../app/ports';
import { localDownloadLinks } from './download-links';

type DownloadsConfig = FunctionConfig<'downloads'>['downloads'];

/**
 * The download links of this deployment: the S3 bucket in AWS (its signer, a chunk of its own, loaded only there), the
 * local runtime's signed links on a laptop.
 */
export const loadDownloadLinks = async (config: DownloadsConfig, signing: SigningKey): Promise<DownloadLinks> => {
  if (config.DOWNLOADS_BASE_URL) return localDownloadLinks(config.DOWNLOADS_BASE_URL, signing);
  if (!config.DOWNLOADS_BUCKET) throw new Error('Configuration is incomplete: set DOWNLOADS_BUCKET (AWS) or DOWNLOADS_BASE_URL (local).');
  const { s3DownloadLinks } = await import('./s3-download-links');
  return s3DownloadLinks(config.DOWNLOADS_BUCKET);
};

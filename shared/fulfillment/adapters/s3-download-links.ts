import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { DownloadLinks } from '../app/ports';

/**
 * Presigned GETs on the private downloads bucket; the object of a product is its sku. A presigned
 * URL also dies with the credentials that signed it: a Lambda role's last some hours, so a link
 * may expire before `expiresAt`. Listing the downloads again gives fresh ones.
 */
export const s3DownloadLinks = (bucket: string, client = new S3Client({})): DownloadLinks => ({
  async sign(file, expiresAt) {
    const expiresIn = Math.max(1, Math.floor((expiresAt.getTime() - Date.now()) / 1000));
    const command = new GetObjectCommand({ Bucket: bucket, Key: file.sku, ResponseContentDisposition: `attachment; filename="${file.sku}"` });
    return getSignedUrl(client, command, { expiresIn });
  },
});

import { defaultProvider } from '@aws-sdk/credential-provider-node';
import { Sha256 } from '@smithy/core/checksum';
import { loadConfig, NODE_REGION_CONFIG_FILE_OPTIONS, NODE_REGION_CONFIG_OPTIONS } from '@smithy/core/config';
import { buildQueryString, escapeUriPath, HttpRequest } from '@smithy/core/protocols';
import { SignatureV4 } from '@smithy/signature-v4';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider, Provider } from '@smithy/types';
import type { DownloadLinks } from '../app/ports';

/** SigV4 refuses presigned URLs that live longer than a week. */
const MAX_EXPIRES_SECONDS = 7 * 24 * 60 * 60;

export interface S3DownloadLinksOptions {
  /** Defaults to the SDK's own resolution: `AWS_REGION`, which Lambda sets, then the profile's. */
  region?: string | Provider<string>;
  /** Defaults to the SDK's default chain: in Lambda, the role's credentials in the environment. */
  credentials?: AwsCredentialIdentity | AwsCredentialIdentityProvider;
  /**
   * When a link is signed. S3 checks `X-Amz-Date` against its own time, so this is the real time,
   * not the shop's clock (which the local runtime can move forward).
   */
  now?: () => Date;
}

/**
 * Presigned GETs on the private downloads bucket; the object of a product is its sku. A presigned
 * URL also dies with the credentials that signed it: a Lambda role's last some hours, so a link
 * may expire before `expiresAt`. Listing the downloads again gives fresh ones.
 *
 * Signed with SigV4 directly, as `@aws-sdk/s3-request-presigner` signs a `GetObjectCommand`
 * (the unit test holds them equal), without the S3 client: it weighed about 250 KB in each bundle
 * that signs links, where the signer, the hash, the region and the credentials are the ones the
 * DynamoDB client already brings.
 */
export const s3DownloadLinks = (bucket: string, options: S3DownloadLinksOptions = {}): DownloadLinks => {
  const given = options.region;
  const region: Provider<string> = typeof given === 'string' ? async () => given : (given ?? loadConfig(NODE_REGION_CONFIG_OPTIONS, NODE_REGION_CONFIG_FILE_OPTIONS));
  const now = options.now ?? (() => new Date());
  // S3 signs the path as sent, without encoding it a second time (the presigner's `uriEscapePath: false`).
  const signer = new SignatureV4({ service: 's3', region, credentials: options.credentials ?? defaultProvider(), sha256: Sha256, uriEscapePath: false, applyChecksum: false });
  return {
    async sign(file, expiresAt) {
      const signingDate = now();
      const expiresIn = Math.min(MAX_EXPIRES_SECONDS, Math.max(1, Math.floor((expiresAt.getTime() - signingDate.getTime()) / 1000)));
      const hostname = `${bucket}.s3.${await region()}.amazonaws.com`;
      const request = new HttpRequest({
        protocol: 'https:',
        hostname,
        method: 'GET',
        path: `/${escapeUriPath(file.sku)}`,
        query: {
          'response-content-disposition': `attachment; filename="${file.sku}"`,
          // What the S3 client adds to every GetObject (its operation, and S3's checksums in the
          // response), kept so that the links are the ones it signed, byte for byte.
          'x-amz-checksum-mode': 'ENABLED',
          'x-id': 'GetObject',
        },
        // The payload hash signed is this header's value; `presign` then moves it into the query.
        headers: { host: hostname, 'X-Amz-Content-Sha256': 'UNSIGNED-PAYLOAD' },
      });
      const signed = await signer.presign(request, { signingDate, expiresIn });
      return `https://${hostname}${signed.path}?${buildQueryString(signed.query ?? {})}`;
    },
  };
};

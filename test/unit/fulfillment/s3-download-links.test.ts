import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { describe, expect, it } from 'vitest';
import { s3DownloadLinks } from '#fulfillment/adapters/s3-download-links';

/**
 * The links are signed without the S3 client (issue 15, bundle size): these hold them to what the
 * AWS presigner makes of the same GetObject, signed with the same credentials at the same time.
 */

const credentials = { accessKeyId: 'AKIAEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', sessionToken: 'IQoJb3JpZ2luX2VjEXAMPLE//token+with/slashes=' };
const signingDate = new Date('2026-11-30T10:00:00.000Z');
const inADay = new Date(signingDate.getTime() + 24 * 60 * 60 * 1000);
const bucket = 'commerce-stateful-downloads1a2b3c4d-0123456789ab';

const sdkUrl = (region: string, sku: string, expiresIn: number) =>
  getSignedUrl(
    new S3Client({ region, credentials }),
    new GetObjectCommand({ Bucket: bucket, Key: sku, ResponseContentDisposition: `attachment; filename="${sku}"` }),
    { expiresIn, signingDate },
  );

const ourUrl = (region: string, sku: string, expiresAt: Date) =>
  s3DownloadLinks(bucket, { region, credentials, now: () => signingDate }).sign({ orderId: 'order-000001', sku }, expiresAt);

const paramsOf = (url: string) => Object.fromEntries(new URL(url).searchParams);

describe('an S3 download link', () => {
  it('is the URL the AWS presigner signs for the same GetObject', async () => {
    const url = await ourUrl('eu-west-3', 'EBOOK-fr_v2.1', inADay);

    expect(url).toBe(await sdkUrl('eu-west-3', 'EBOOK-fr_v2.1', 24 * 60 * 60));
    expect(url.startsWith(`https://${bucket}.s3.eu-west-3.amazonaws.com/EBOOK-fr_v2.1?`)).toBe(true);
    expect(paramsOf(url)).toMatchObject({
      'X-Amz-Expires': '86400',
      'X-Amz-Content-Sha256': 'UNSIGNED-PAYLOAD',
      'X-Amz-SignedHeaders': 'host',
      'X-Amz-Security-Token': credentials.sessionToken,
      'response-content-disposition': 'attachment; filename="EBOOK-fr_v2.1"',
    });
  });

  it('is signed for the region it names, us-east-1 included', async () => {
    const url = await ourUrl('us-east-1', 'EBOOK', inADay);

    expect(url).toBe(await sdkUrl('us-east-1', 'EBOOK', 24 * 60 * 60));
    expect(new URL(url).hostname).toBe(`${bucket}.s3.us-east-1.amazonaws.com`);
  });

  it('encodes a key as S3 does, once, keeping its slashes', async () => {
    const key = "Guide pratique (2e éd.)/chapitre 1+2!*'~€.pdf";

    const url = await ourUrl('eu-west-3', key, inADay);

    expect(url).toBe(await sdkUrl('eu-west-3', key, 24 * 60 * 60));
    expect(new URL(url).pathname).toBe('/Guide%20pratique%20%282e%20%C3%A9d.%29/chapitre%201%2B2%21%2A%27~%E2%82%AC.pdf');
    expect(paramsOf(url)['response-content-disposition']).toBe(`attachment; filename="${key}"`);
  });

  it('lives a second at least, and a week at most: the longest SigV4 allows', async () => {
    const past = await ourUrl('eu-west-3', 'EBOOK', new Date(signingDate.getTime() - 60_000));
    const aMonth = await ourUrl('eu-west-3', 'EBOOK', new Date(signingDate.getTime() + 30 * 24 * 60 * 60 * 1000));

    expect(paramsOf(past)['X-Amz-Expires']).toBe('1');
    expect(past).toBe(await sdkUrl('eu-west-3', 'EBOOK', 1));
    expect(paramsOf(aMonth)['X-Amz-Expires']).toBe('604800');
    expect(aMonth).toBe(await sdkUrl('eu-west-3', 'EBOOK', 604800));
  });

  it('takes its region and credentials from the environment, as in Lambda', async () => {
    // The test run's environment: AWS_REGION=eu-west-3, AWS_ACCESS_KEY_ID=local (.config/vitest.config.ts).
    const url = await s3DownloadLinks(bucket).sign({ orderId: 'order-000001', sku: 'EBOOK' }, new Date(Date.now() + 60_000));

    expect(new URL(url).hostname).toBe(`${bucket}.s3.${process.env.AWS_REGION}.amazonaws.com`);
    expect(paramsOf(url)['X-Amz-Credential']).toMatch(new RegExp(`^${process.env.AWS_ACCESS_KEY_ID}/\\d{8}/${process.env.AWS_REGION}/s3/aws4_request$`));
  });
});

import type { SigningKey } from '#runtime/signing';
import type { SigningKeyOnFirstUse } from '#runtime/signing-on-first-use';
import type { DownloadLinks } from '../app/ports';

/** What a local download link signs: the file and its expiry, so neither can be changed. */
const signed = (file: { orderId: string; sku: string }, expires: number) => `${file.orderId}/${file.sku}/${expires}`;

const PURPOSE = 'download';

/**
 * Links served by the local runtime from its folder of sample files:
 * `<base>/dev/downloads?order=<orderId>&sku=<sku>&expires=<epoch seconds>&signature=<HMAC>`.
 */
export const localDownloadLinks = (baseUrl: string, signing: SigningKeyOnFirstUse): DownloadLinks => ({
  async sign(file, expiresAt) {
    const expires = Math.floor(expiresAt.getTime() / 1000);
    const url = new URL('/dev/downloads', baseUrl);
    url.searchParams.set('order', file.orderId);
    url.searchParams.set('sku', file.sku);
    url.searchParams.set('expires', String(expires));
    url.searchParams.set('signature', (await signing()).sign(PURPOSE, signed(file, expires)));
    return url.toString();
  },
});

/**
 * Checks a local download link at `now`: the signature covers the order, the sku and the expiry,
 * so a changed one, or one past its time, is refused (the runtime answers 403).
 */
export const verifyLocalDownload = (
  signing: SigningKey,
  link: { orderId: string; sku: string; expires: string | null; signature: string | null },
  now: Date,
): boolean => {
  const expires = Number(link.expires);
  if (!link.expires || !Number.isInteger(expires)) return false;
  if (!signing.verify(PURPOSE, signed(link, expires), link.signature ?? undefined)) return false;
  return now.getTime() < expires * 1000;
};

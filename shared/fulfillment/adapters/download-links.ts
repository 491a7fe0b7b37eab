import type { SigningKey } from '#runtime/signing';
import type { SigningKeyOnFirstUse } from '#runtime/signing-on-first-use';
import type { DownloadLinks } from '../app/ports';

/** What a local download link signs: the file and its expiry, so neither can be changed. */
const signed = (file: { orderId: string; sku: string }, expires: string) => `${file.orderId}/${file.sku}/${expires}`;

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
    url.searchParams.set('signature', (await signing()).sign(PURPOSE, signed(file, String(expires))));
    return url.toString();
  },
});

/**
 * Checks a local download link's query at `now`: the signature covers the order, the sku and the
 * expiry as written, so a changed one, or one past its time, is refused (the runtime answers 403).
 * Each part comes once: a part sent twice is a changed link, whichever copy a reader would take.
 * The expiry is read as the digits it was written in: `1796719747.0`, `0x6b17e783` or `1.79e9`
 * name the same second to `Number()`, and none is the link that was signed.
 */
export const verifyLocalDownload = (signing: SigningKey, query: URLSearchParams, now: Date): { orderId: string; sku: string } | undefined => {
  const once = (name: string) => {
    const values = query.getAll(name);
    return values.length === 1 ? values[0] : undefined;
  };
  const [orderId, sku, expires, signature] = [once('order'), once('sku'), once('expires'), once('signature')];
  if (orderId === undefined || sku === undefined || expires === undefined || !/^[0-9]+$/.test(expires)) return undefined;
  if (!signing.verify(PURPOSE, signed({ orderId, sku }, expires), signature)) return undefined;
  return now.getTime() < Number(expires) * 1000 ? { orderId, sku } : undefined;
};

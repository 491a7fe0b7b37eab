import { describe, expect, it } from 'vitest';
import { localDownloadLinks, verifyLocalDownload } from '#fulfillment/adapters/download-links';
import { signingKey } from '#runtime/signing';

/** The local runtime's stand-in for S3 presigned GETs: a link works as signed, and only so. */

const signing = signingKey('test-signing-key-0123456789');
const expiresAt = new Date('2026-12-08T10:09:07.000Z');
const before = new Date(expiresAt.getTime() - 60_000);
const file = { orderId: 'order-000001', sku: 'EBOOK-MISERABLES' };

const aLink = async () => new URL(await localDownloadLinks('http://127.0.0.1:3000', async () => signing).sign(file, expiresAt));
const verify = (query: string | URLSearchParams, now = before) => verifyLocalDownload(signing, new URLSearchParams(query), now);

describe('a local download link', () => {
  it('names its file until it expires, and nothing from then on', async () => {
    const link = await aLink();
    expect(verify(link.searchParams)).toEqual(file);
    expect(verify(link.searchParams, expiresAt)).toBeUndefined();
  });

  it('is refused with its expiry written otherwise than in the digits signed, though Number() reads the same second', async () => {
    const link = await aLink();
    const seconds = link.searchParams.get('expires')!;
    for (const expires of [`${seconds}.0`, `0x${Number(seconds).toString(16)}`, ` ${seconds}`, `${Number(seconds) / 1e9}e9`, `0${seconds}`, `+${seconds}`]) {
      expect(Number(expires.trim())).toBe(Number(seconds));
      const changed = new URLSearchParams(link.searchParams);
      changed.set('expires', expires);
      expect({ expires, file: verify(changed) }).toEqual({ expires, file: undefined });
    }
  });

  it('is refused with any of its parameters sent twice, whichever copy is the signed one', async () => {
    const link = await aLink();
    for (const name of ['order', 'sku', 'expires', 'signature']) {
      const value = link.searchParams.get(name)!;
      for (const query of [`${link.search.slice(1)}&${name}=zzz`, `${name}=zzz&${link.search.slice(1)}`, `${link.search.slice(1)}&${name}=${encodeURIComponent(value)}`]) {
        expect({ query, file: verify(query) }).toEqual({ query, file: undefined });
      }
    }
  });

  it('is refused without one of its parameters', async () => {
    const link = await aLink();
    for (const name of ['order', 'sku', 'expires', 'signature']) {
      const partial = new URLSearchParams(link.searchParams);
      partial.delete(name);
      expect({ name, file: verify(partial) }).toEqual({ name, file: undefined });
    }
  });
});

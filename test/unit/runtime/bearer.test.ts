import { exportJWK, generateKeyPair, SignJWT, type CryptoKey } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';

const issuer = 'https://idp.example.test/pool';
let sign: (claims: Record<string, unknown>, options?: { key?: CryptoKey; expiresIn?: string; issuer?: string }) => Promise<string>;
let principalFromBearer: (authorization: string | undefined) => Promise<{ sub: string; groups: string[] } | undefined>;
let otherKey: CryptoKey;

beforeAll(async () => {
  const { publicKey, privateKey } = await generateKeyPair('RS256');
  otherKey = (await generateKeyPair('RS256')).privateKey;
  const jwk = { ...(await exportJWK(publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
  sign = (claims, options = {}) =>
    new SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
      .setIssuer(options.issuer ?? issuer)
      .setIssuedAt()
      .setExpirationTime(options.expiresIn ?? '1h')
      .sign(options.key ?? privateKey);
  const { createBearerVerifier } = await import('#runtime/bearer');
  principalFromBearer = createBearerVerifier({ JWT_ISSUER: issuer, JWT_AUDIENCE: 'client-1', JWT_JWKS: JSON.stringify({ keys: [jwk] }) });
});

describe('bearer tokens checked in the function (routes readable with a token or signed in)', () => {
  it('accepts an ID token (aud) and an access token (client_id) of our app client', async () => {
    expect(await principalFromBearer(`Bearer ${await sign({ sub: 'alice', aud: 'client-1', 'cognito:groups': ['admin'] })}`)).toEqual({ sub: 'alice', groups: ['admin'] });
    expect(await principalFromBearer(`Bearer ${await sign({ sub: 'bob', client_id: 'client-1', token_use: 'access' })}`)).toEqual({ sub: 'bob', groups: [] });
  });

  it('treats a token for another client, from another issuer, expired, or forged as no token', async () => {
    expect(await principalFromBearer(`Bearer ${await sign({ sub: 'eve', aud: 'client-2' })}`)).toBeUndefined();
    expect(await principalFromBearer(`Bearer ${await sign({ sub: 'eve', aud: 'client-1' }, { issuer: 'https://evil.test' })}`)).toBeUndefined();
    expect(await principalFromBearer(`Bearer ${await sign({ sub: 'eve', aud: 'client-1' }, { expiresIn: '-1m' })}`)).toBeUndefined();
    expect(await principalFromBearer(`Bearer ${await sign({ sub: 'eve', aud: 'client-1' }, { key: otherKey })}`)).toBeUndefined();
    expect(await principalFromBearer('Bearer not-a-jwt')).toBeUndefined();
    expect(await principalFromBearer(undefined)).toBeUndefined();
  });
});

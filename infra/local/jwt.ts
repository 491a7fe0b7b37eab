import { exportJWK, generateKeyPair, jwtVerify, SignJWT, type JWTPayload } from 'jose';

export const LOCAL_AUDIENCE = 'commerce-local';

/**
 * A local identity provider standing in for the Cognito user pool: it signs RS256 tokens with a
 * key made at start, and verifies them the way API Gateway's JWT authorizer does (signature,
 * issuer, audience, expiry).
 */
export const createLocalIssuer = async (issuer: string) => {
  const { publicKey, privateKey } = await generateKeyPair('RS256');
  const jwk = { ...(await exportJWK(publicKey)), kid: 'local-1', alg: 'RS256', use: 'sig' };
  return {
    issuer,
    jwks: { keys: [jwk] },
    mint: (claims: { sub: string; email?: string; groups?: string[] }, expiresIn = '12h') =>
      new SignJWT({ ...(claims.email && { email: claims.email }), 'cognito:groups': claims.groups ?? [], token_use: 'id' })
        .setProtectedHeader({ alg: 'RS256', kid: 'local-1' })
        .setSubject(claims.sub)
        .setIssuer(issuer)
        .setAudience(LOCAL_AUDIENCE)
        .setIssuedAt()
        .setExpirationTime(expiresIn)
        .sign(privateKey),
    verify: async (token: string): Promise<JWTPayload | undefined> => {
      try {
        const { payload } = await jwtVerify(token, publicKey, { issuer, audience: LOCAL_AUDIENCE });
        return payload;
      } catch {
        return undefined;
      }
    },
  };
};

export type LocalIssuer = Awaited<ReturnType<typeof createLocalIssuer>>;

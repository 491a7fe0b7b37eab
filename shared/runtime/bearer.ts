import type { Principal } from './auth';
import type { FunctionConfig } from './config';

type IdentityConfig = FunctionConfig<'orders'>['identity'];

/** Reads a bearer token's principal; a missing or bad token is no principal. */
export type BearerVerifier = (authorization: string | undefined) => Promise<Principal | undefined>;

/**
 * Routes readable either with a secret token or as the signed-in customer (`auth: 'order'`) have
 * no authorizer at the gateway, since API Gateway's JWT authorizer cannot be optional. When such
 * a request carries a bearer token, the function checks it itself, as the authorizer would:
 * signature against the user pool's keys, issuer, audience, expiry. A bad token counts as none.
 *
 * In AWS the keys are fetched (once, then cached) from the issuer's JWKS; locally the runtime
 * hands its signing key's JWKS in `JWT_JWKS`, since the local issuer is not on HTTPS.
 */
export const createBearerVerifier = (config: IdentityConfig): BearerVerifier => {
  const audience = config.JWT_AUDIENCE;
  // Built by the first request that carries a token: most of these requests read with the
  // order's token instead, and a cold start then loads no JWT library (issue 15).
  let verifying: Promise<{ verify(token: string): Promise<unknown> }> | undefined;
  const verifier = () =>
    (verifying ??= import('aws-jwt-verify').then(({ JwtVerifier }) => {
      // Like API Gateway's JWT authorizer: the app client is the `aud` of an ID token or the
      // `client_id` of an access token (Cognito access tokens have no `aud`).
      const jwt = JwtVerifier.create({
        issuer: config.JWT_ISSUER,
        audience: null,
        customJwtCheck: ({ payload }) => {
          if (payload.aud !== audience && payload.client_id !== audience) throw new Error('The token is for another client.');
        },
      });
      if (config.JWT_JWKS) jwt.cacheJwks(JSON.parse(config.JWT_JWKS) as Parameters<typeof jwt.cacheJwks>[0]);
      return jwt;
    }));
  return async (authorization) => {
    const token = /^Bearer\s+(.+)$/i.exec(authorization ?? '')?.[1];
    if (!token) return undefined;
    // Outside the try: a verifier that cannot be built (its library, a bad JWKS setting) is a
    // fault of the deployment, answered 500 and logged, not every customer turned anonymous.
    const jwt = await verifier();
    try {
      const claims = (await jwt.verify(token)) as Record<string, unknown>;
      if (typeof claims.sub !== 'string') return undefined;
      const groups = claims['cognito:groups'];
      return {
        sub: claims.sub,
        ...(typeof claims.email === 'string' && { email: claims.email }),
        groups: Array.isArray(groups) ? groups.map(String) : [],
      };
    } catch {
      return undefined;
    }
  };
};

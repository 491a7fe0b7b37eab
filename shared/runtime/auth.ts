import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { ForbiddenError, UnauthorizedError } from '#kernel/errors';
import type { Auth } from '#wiring';

export interface Principal {
  /** The user pool's subject: stable id of the customer or admin. */
  sub: string;
  email?: string;
  groups: string[];
}

type Claims = Record<string, string | number | boolean | string[]>;

/**
 * API Gateway hands JWT claims to the function as strings; an array claim such as
 * `cognito:groups` arrives as "[admin staff]", its elements separated by spaces (the local runtime
 * does the same). Cognito's group names hold no whitespace but may hold commas, so only
 * whitespace separates: a group named `admin,staff` is not the `admin` group.
 */
const groupsOf = (claim: Claims[string] | undefined): string[] => {
  if (Array.isArray(claim)) return claim.map(String);
  if (typeof claim !== 'string' || claim === '') return [];
  return claim.replace(/^\[|\]$/g, '').split(/\s+/).filter(Boolean);
};

export const principalOf = (event: APIGatewayProxyEventV2): Principal | undefined => {
  const claims = (event.requestContext as { authorizer?: { jwt?: { claims?: Claims } } }).authorizer?.jwt?.claims;
  if (!claims || typeof claims.sub !== 'string') return undefined;
  return {
    sub: claims.sub,
    ...(typeof claims.email === 'string' && { email: claims.email }),
    groups: groupsOf(claims['cognito:groups']),
  };
};

/** Enforces what the authorizer cannot: a signed-in user for customer routes, the admin group for admin routes. */
export const authorize = (auth: Auth, principal: Principal | undefined): void => {
  if (auth !== 'customer' && auth !== 'admin') return;
  if (!principal) throw new UnauthorizedError('Sign in: this route needs a valid bearer token.');
  if (auth === 'admin' && !principal.groups.includes('admin')) {
    throw new ForbiddenError('This route is for the shop\'s administrators.');
  }
};

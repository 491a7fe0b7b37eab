import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { ForbiddenError } from '#kernel/errors';
import { authorize, principalOf } from '#runtime/auth';

/** A request as API Gateway's JWT authorizer hands it over: every claim a string. */
const withGroups = (groups: string): APIGatewayProxyEventV2 =>
  ({ requestContext: { authorizer: { jwt: { claims: { sub: 'user-1', 'cognito:groups': groups }, scopes: [] } } } }) as unknown as APIGatewayProxyEventV2;

const isAdmin = (groups: string) => {
  try {
    authorize('admin', principalOf(withGroups(groups)));
    return true;
  } catch (error) {
    if (error instanceof ForbiddenError) return false;
    throw error;
  }
};

describe('the admin group, read from the authorizer\'s claims', () => {
  it('is found among the groups API Gateway lists, space-separated', () => {
    expect(principalOf(withGroups('[staff admin]'))?.groups).toEqual(['staff', 'admin']);
    expect(isAdmin('[admin]')).toBe(true);
    expect(isAdmin('[staff admin]')).toBe(true);
  });

  it('is not a group whose name merely contains it', () => {
    // Cognito allows commas and other punctuation in a group's name.
    expect(isAdmin('[admin,staff]')).toBe(false);
    expect(isAdmin('[xadmin]')).toBe(false);
    expect(isAdmin('[ADMIN]')).toBe(false);
    expect(isAdmin('[]')).toBe(false);
  });
});

import { isDeepStrictEqual } from 'node:util';
import type { Resources } from './synth';

/**
 * Just enough of IAM's policy evaluation to ask a synthesized template what a function may do:
 * Allow statements only (the stack writes no Deny), `*` and `?` wildcards in actions and
 * `StringLike`, resources compared as the template writes them, and the one condition the stack
 * uses on DynamoDB (`ForAllValues:StringLike` on `dynamodb:LeadingKeys`). Any other condition
 * throws, so a new kind of grant cannot be misread as allowed or refused.
 */
export interface Statement {
  Effect: 'Allow' | 'Deny';
  Action: string | string[];
  Resource: unknown;
  Condition?: Record<string, Record<string, string | string[]>>;
}

const list = <T>(value: T | T[]): T[] => (Array.isArray(value) ? value : [value]);

/** IAM's `StringLike`: `*` any run of characters, `?` any one; case-sensitive. */
export const like = (pattern: string, value: string): boolean =>
  new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`).test(value);

/** Where a DynamoDB request goes, as the stateless stack names it (the table is imported by its export). */
const table = { 'Fn::ImportValue': 'commerce-domain-table-arn' };
export const on = {
  table,
  index: (name: string) => ({ 'Fn::Join': ['', [table, `/index/${name}`]] }),
};

/** Every statement of the policies attached to a function's role. */
export const statementsOf = (resources: Resources, functionId: string): Statement[] => {
  const role = (resources[functionId]!.Properties.Role as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
  return Object.values(resources)
    .filter((r) => r.Type === 'AWS::IAM::Policy' && (r.Properties.Roles as unknown[]).some((ref) => isDeepStrictEqual(ref, { Ref: role })))
    .flatMap((r) => (r.Properties.PolicyDocument as { Statement: Statement[] }).Statement);
};

const conditionHolds = (condition: Statement['Condition'], partitionKeys: readonly string[]): boolean =>
  Object.entries(condition ?? {}).every(([operator, keys]) =>
    Object.entries(keys).every(([key, patterns]) => {
      if (operator !== 'ForAllValues:StringLike' || key !== 'dynamodb:LeadingKeys') throw new Error(`No model of the condition ${operator} ${key}`);
      return partitionKeys.every((value) => list(patterns).some((pattern) => like(pattern, value)));
    }),
  );

/**
 * Whether the statements allow `action` on `resource` for a request naming these partition keys.
 * A request naming none (a Scan) passes a `ForAllValues` condition, as in IAM.
 */
export const allows = (statements: readonly Statement[], action: string, resource: unknown, partitionKeys: readonly string[] = []): boolean =>
  statements.some(
    (s) =>
      s.Effect === 'Allow' &&
      list(s.Action).some((pattern) => like(pattern, action)) &&
      list(s.Resource).some((r) => r === '*' || isDeepStrictEqual(r, resource)) &&
      conditionHolds(s.Condition, partitionKeys),
  );

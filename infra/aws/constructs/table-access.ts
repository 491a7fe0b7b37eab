import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { domainTable } from '#runtime/dynamodb/tables';
import type { FunctionSpec, TableKeys } from '#runtime/wiring-spec';

/**
 * The IAM actions behind each kind of access, and no other. Never `Scan`: it reads the whole
 * table, orders and addresses included, and carries no partition key for a condition to check.
 * `BatchGetItem` reads by key like `GetItem` and names every key it reads, so the same condition
 * holds for each (the back office reads the orders an email's keys-only index finds in one
 * request). No `BatchWriteItem`/`DescribeTable`: no code calls them (the SDK needs no
 * DescribeTable). A transaction needs no action of its own: each of its items is authorized as the
 * single-item action it performs (`ConditionCheck` as `ConditionCheckItem`).
 */
export const tableActions = {
  read: ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:ConditionCheckItem'],
  write: ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem'],
  query: ['dynamodb:Query'],
} as const;

/** What Powertools' idempotency layer calls on its own table (DynamoDBPersistenceLayer). */
export const idempotencyActions = ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem'] as const;

/**
 * `ForAllValues`: every partition key the request names must match one of the patterns (a
 * transaction or a batch names several). It is vacuously true for a request that names none,
 * which is why `Scan` is never granted; every action granted here names its keys.
 */
const onlyKeys = (patterns: readonly string[]) => ({ 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [...patterns] } });

/** Where a query may run: an index of the domain table, or `table` for the table itself. */
const TABLE = 'table';
const queryTargets = new Set([TABLE, ...domainTable.globalIndexes.map((index) => index.name)]);

/**
 * The statements that let one function reach the domain table items its wiring declares, and
 * nothing else. Item actions are on the table with a `dynamodb:LeadingKeys` condition on the
 * partition keys. Index queries are on each named index's ARN (a grant on the table does not
 * cover its indexes) with the same condition on the index's partition keys, the only key a
 * Query on an index names; the index ARN and the single `Query` action bound them in any case.
 * A query of the table itself (`table`) is on the table's ARN, conditioned the same way.
 */
export const tableStatements = (name: string, spec: FunctionSpec, tableArn: string): PolicyStatement[] => {
  const keys = checkedKeys(name, spec);
  if (!keys) return [];
  const statements: PolicyStatement[] = [];
  const on = (kind: keyof typeof tableActions, resource: string, patterns: readonly string[] | undefined) => {
    if (patterns && patterns.length > 0) {
      statements.push(new PolicyStatement({ actions: [...tableActions[kind]], resources: [resource], conditions: onlyKeys(patterns) }));
    }
  };
  on('read', tableArn, keys.read);
  on('write', tableArn, keys.write);
  for (const [target, patterns] of Object.entries(keys.query ?? {})) {
    on('query', target === TABLE ? tableArn : `${tableArn}/index/${target}`, patterns);
  }
  return statements;
};

/** The function's declared keys, refused if they and its grants disagree (a synth error names it). */
const checkedKeys = (name: string, { grants, tableKeys }: FunctionSpec): TableKeys | undefined => {
  const fail = (why: string) => {
    throw new Error(`Function ${name}: ${why}.`);
  };
  const reads = grants.includes('table:read');
  const writes = grants.includes('table:write');
  if (!tableKeys) {
    if (reads || writes) fail('it is granted the table but declares no tableKeys (the partition keys it may reach)');
    return undefined;
  }
  if ((tableKeys.read?.length || Object.keys(tableKeys.query ?? {}).length) && !reads) fail('its tableKeys read or query, but it is not granted table:read');
  if (tableKeys.write?.length && !writes) fail('its tableKeys write, but it is not granted table:write');
  if (writes && !tableKeys.write?.length) fail('it is granted table:write but its tableKeys declare no write');
  for (const target of Object.keys(tableKeys.query ?? {})) {
    if (!queryTargets.has(target)) fail(`its tableKeys query ${target}, which is neither \`${TABLE}\` nor an index of the domain table`);
  }
  return tableKeys;
};

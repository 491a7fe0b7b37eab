import { RemovalPolicy } from 'aws-cdk-lib';
import { AttributeType, BillingMode, ProjectionType, StreamViewType, Table, TableEncryption } from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';
import { domainTable, idempotencyTable, type GlobalIndex, type TableDefinition } from '#runtime/dynamodb/tables';

const projectionOf = ({ projection }: GlobalIndex) =>
  typeof projection === 'object'
    ? { projectionType: ProjectionType.INCLUDE, nonKeyAttributes: [...projection.include] }
    : { projectionType: projection === 'KEYS_ONLY' ? ProjectionType.KEYS_ONLY : ProjectionType.ALL };

const tableFrom = (scope: Construct, id: string, definition: TableDefinition, removalPolicy: RemovalPolicy, stream?: StreamViewType) => {
  const table = new Table(scope, id, {
    stream,
    // A table kept through `cdk destroy` is kept from a console or API DeleteTable too.
    deletionProtection: removalPolicy === RemovalPolicy.RETAIN,
    partitionKey: { name: definition.partitionKey, type: AttributeType.STRING },
    ...(definition.sortKey && { sortKey: { name: definition.sortKey, type: AttributeType.STRING } }),
    billingMode: BillingMode.PAY_PER_REQUEST,
    encryption: TableEncryption.AWS_MANAGED,
    pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
    timeToLiveAttribute: definition.ttlAttribute,
    removalPolicy,
  });
  for (const index of definition.globalIndexes) {
    table.addGlobalSecondaryIndex({
      indexName: index.name,
      partitionKey: { name: index.partitionKey, type: AttributeType.STRING },
      sortKey: { name: index.sortKey, type: AttributeType.STRING },
      ...projectionOf(index),
    });
  }
  return table;
};

/** The two tables, created from the same definitions the local runtime and the tests use. */
export class Data extends Construct {
  readonly table: Table;
  readonly idempotencyTable: Table;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    // Orders and invoices are records the shop must keep: the table survives `cdk destroy`. Its
    // stream carries each new outbox item to the relay, which publishes it on the bus.
    this.table = tableFrom(this, 'DomainTable', domainTable, RemovalPolicy.RETAIN, StreamViewType.NEW_IMAGE);
    // Idempotency records live 24 hours; nothing to keep.
    this.idempotencyTable = tableFrom(this, 'IdempotencyTable', idempotencyTable, RemovalPolicy.DESTROY);
  }
}

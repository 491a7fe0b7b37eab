import { Duration, Stack, Token, Validations, type CfnElement } from 'aws-cdk-lib';
import type { ITable, Table } from 'aws-cdk-lib/aws-dynamodb';
import type { EventBus } from 'aws-cdk-lib/aws-events';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { FilterCriteria, StartingPosition, type IFunction } from 'aws-cdk-lib/aws-lambda';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import { DynamoEventSource, SqsDlq, SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { Schedule, ScheduleExpression } from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { outboxStreamFilters } from '#runtime/dynamodb/outbox';
import { contexts, type FunctionName, type FunctionSpec, type Grant, type QueueName, type QueueSpec, type ScheduleSpec } from '#wiring';
import { CommerceFunction } from './commerce-function';
import { deadLetterEnvironment, deadLetterStatements, type QueuePairs } from './dead-letter-access';
import { idempotencyActions, tableStatements } from './table-access';

/** What a context's functions may be granted, made by the stateful stack. */
export interface SharedResources {
  table: ITable;
  idempotencyTable: Table;
  bus: EventBus;
  queues: Record<QueueName, Queue>;
  deadLetterQueues: Record<QueueName, Queue>;
  /** Where the stream's event source reports the batches the outbox relay could not publish. */
  relayFailures: Queue;
  /** Where a scheduled run that failed lands: the scheduler's DLQ and the function's on-failure destination. */
  scheduledRunFailures: Queue;
  stripeSecret: ISecret;
  signingSecret: ISecret;
  /** The private bucket of digital goods: the functions granted `downloads:sign` read it (presigned links). */
  downloadsBucket: IBucket;
  /** The name its ARN is exported under: cdk-nag names the grant's resource by it. */
  downloadsBucketArnExport: string;
  identity: { issuer: string; clientId: string };
  shopEmail: string;
}

/**
 * One bounded context's functions, from its wiring: each function with its least-privilege
 * grants and the environment they bring, its queues' event sources, its schedules.
 */
export class BoundedContext extends Construct {
  readonly functions: Partial<Record<FunctionName, IFunction>> = {};

  constructor(scope: Construct, name: keyof typeof contexts, resources: SharedResources) {
    super(scope, name);
    const wiring = contexts[name];
    const { table, idempotencyTable, bus, stripeSecret, signingSecret, identity } = resources;
    const queuePairs: QueuePairs = Object.fromEntries(
      (Object.keys(resources.queues) as QueueName[]).map((q) => [q, { queue: resources.queues[q], deadLetterQueue: resources.deadLetterQueues[q] }]),
    );
    const environmentOf: Record<Grant, Record<string, string>> = {
      'table:read': { TABLE_NAME: table.tableName },
      'table:write': { TABLE_NAME: table.tableName },
      idempotency: { IDEMPOTENCY_TABLE_NAME: idempotencyTable.tableName },
      'bus:publish': { EVENT_BUS_NAME: bus.eventBusName },
      'email:send': { SHOP_EMAIL: resources.shopEmail, MAIL_FROM: resources.shopEmail },
      'stripe:secret': { STRIPE_SECRET_ARN: stripeSecret.secretArn },
      'identity:verify': { JWT_ISSUER: identity.issuer, JWT_AUDIENCE: identity.clientId },
      'signing:secret': { SIGNING_SECRET_ARN: signingSecret.secretArn },
      'queues:operate': deadLetterEnvironment(this, queuePairs),
      'downloads:sign': { DOWNLOADS_BUCKET: resources.downloadsBucket.bucketName },
    };
    const grant = (fn: CommerceFunction, what: Grant) => {
      switch (what) {
        case 'table:read':
        case 'table:write':
          return undefined; // granted per item below, from the function's tableKeys
        case 'idempotency':
          return fn.addToRolePolicy(new PolicyStatement({ actions: [...idempotencyActions], resources: [idempotencyTable.tableArn] }));
        case 'bus:publish':
          return bus.grantPutEventsTo(fn);
        case 'stripe:secret':
          return stripeSecret.grantRead(fn);
        case 'signing:secret':
          return signingSecret.grantRead(fn);
        case 'queues:operate':
          return deadLetterStatements(queuePairs).forEach((statement) => fn.addToRolePolicy(statement));
        case 'downloads:sign':
          // A presigned GET carries the signer's rights: read objects, nothing else.
          fn.addToRolePolicy(new PolicyStatement({ actions: ['s3:GetObject'], resources: [resources.downloadsBucket.arnForObjects('*')] }));
          return Validations.of(fn).acknowledge({
            id: `AwsSolutions-IAM5[Resource::${resources.downloadsBucketArnExport}/*]`,
            reason: 'Any digital product may be bought: the presigned links read objects of the downloads bucket only, one per sku.',
          });
        case 'identity:verify':
          return undefined; // the user pool's public keys, over HTTPS: no IAM permission
        case 'email:send':
          // The sender and the configuration set come from the shop's settings, which admins change
          // without a deployment: any verified identity of the account, any configuration set.
          fn.addToRolePolicy(
            new PolicyStatement({
              actions: ['ses:SendEmail'],
              resources: [
                Stack.of(this).formatArn({ service: 'ses', resource: 'identity', resourceName: '*' }),
                Stack.of(this).formatArn({ service: 'ses', resource: 'configuration-set', resourceName: '*' }),
              ],
            }),
          );
          return Validations.of(fn).acknowledge(
            {
              id: `AwsSolutions-IAM5[Resource::${sesArnAsNagShowsIt(Stack.of(this), 'identity')}]`,
              reason: "SES sends only from identities verified in the account; which one is the shop's setting, changed without a deployment.",
            },
            {
              id: `AwsSolutions-IAM5[Resource::${sesArnAsNagShowsIt(Stack.of(this), 'configuration-set')}]`,
              reason: "The configuration set is the shop's setting, changed without a deployment.",
            },
          );
      }
    };

    for (const [fnName, spec] of Object.entries(wiring.functions) as [FunctionName, FunctionSpec][]) {
      const environment = Object.assign({}, ...spec.grants.map((g) => environmentOf[g])) as Record<string, string>;
      const fn = new CommerceFunction(this, `${fnName}-function`, { name: fnName, spec, environment });
      for (const g of spec.grants) grant(fn, g);
      for (const statement of tableStatements(fnName, spec, table.tableArn)) fn.addToRolePolicy(statement);
      if (spec.kind === 'stream') {
        fn.addEventSource(outboxStream(table, resources.relayFailures));
        Validations.of(fn).acknowledge({
          id: 'AwsSolutions-IAM5[Resource::*]',
          reason: "Besides X-Ray, dynamodb:ListStreams, which the stream's event source needs and which has no resource-level permission.",
        });
      }
      if (spec.kind === 'scheduled') {
        // The scheduler invokes it asynchronously: its errors are Lambda's to retry (twice), then
        // to send to the alarmed DLQ. The runs are guarded transitions: one that overlaps the next does no harm.
        fn.configureAsyncInvoke({ retryAttempts: 2, onFailure: new SqsDestination(resources.scheduledRunFailures) });
      }
      this.functions[fnName] = fn;
    }

    for (const [queueName, spec] of Object.entries(wiring.queues) as [QueueName, QueueSpec][]) {
      this.functionNamed(spec.worker).addEventSource(
        new SqsEventSource(resources.queues[queueName], {
          batchSize: spec.batchSize,
          maxBatchingWindow: spec.maxBatchingWindowSeconds > 0 ? Duration.seconds(spec.maxBatchingWindowSeconds) : undefined,
          reportBatchItemFailures: true,
          ...(spec.maxConcurrency && { maxConcurrency: spec.maxConcurrency }),
        }),
      );
    }

    for (const [scheduleName, spec] of Object.entries(wiring.schedules) as [string, ScheduleSpec][]) {
      const target = this.functionNamed(spec.function);
      new Schedule(this, `${scheduleName}-schedule`, {
        description: spec.description,
        schedule: ScheduleExpression.expression(spec.expression),
        // The scheduler only hands the run to Lambda (an asynchronous invocation): what it retries is
        // that hand-over, within a minute, before the next run is due; then the run goes to the DLQ.
        target: new LambdaInvoke(target, { retryAttempts: 3, maxEventAge: Duration.minutes(1), deadLetterQueue: resources.scheduledRunFailures }),
      });
      // The scheduler's role is made at the stack's level, so the acknowledgement goes there.
      Validations.of(Stack.of(this)).acknowledge({
        id: `AwsSolutions-IAM5[Resource::<${Stack.of(this).getLogicalId(target.node.defaultChild as CfnElement)}.Arn>:*]`,
        reason: "The scheduler's role may invoke the versions of this one function, nothing else.",
      });
    }
  }

  private functionNamed(name: string): IFunction {
    const fn = this.functions[name as FunctionName];
    if (!fn) throw new Error(`The wiring names ${name}, which this context does not declare.`);
    return fn;
  }
}

/** An SES resource wildcard as cdk-nag prints it in a finding: pseudo parameters as `<AWS::…>`. */
const sesArnAsNagShowsIt = (stack: Stack, resource: string): string => {
  const concrete = (value: string, pseudo: string) => (Token.isUnresolved(value) ? `<AWS::${pseudo}>` : value);
  return `arn:<AWS::Partition>:ses:${concrete(stack.region, 'Region')}:${concrete(stack.account, 'AccountId')}:${resource}/*`;
};

/**
 * The domain table's stream, new outbox items only (filtered by Lambda, so other writes cost no
 * invocation), in order per shard. A batch that fails is split to find the entry at fault. An
 * EventBridge outage shorter than an hour only delays events; a record still failing after an
 * hour (an entry EventBridge refuses) goes to the alarmed `relayFailures` queue, so it stops
 * holding back the events behind it; its outbox item stays in the table for a week.
 */
const outboxStream = (table: ITable, failures: Queue) =>
  new DynamoEventSource(table, {
    startingPosition: StartingPosition.TRIM_HORIZON,
    batchSize: 100,
    bisectBatchOnError: true,
    reportBatchItemFailures: true,
    retryAttempts: 10_000,
    maxRecordAge: Duration.hours(1),
    onFailure: new SqsDlq(failures),
    filters: outboxStreamFilters.map((filter) => FilterCriteria.filter(filter)),
  });

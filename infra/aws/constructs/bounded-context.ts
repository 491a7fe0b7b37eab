import { Duration, Stack, Validations, type CfnElement } from 'aws-cdk-lib';
import type { ITable, Table } from 'aws-cdk-lib/aws-dynamodb';
import type { EventBus } from 'aws-cdk-lib/aws-events';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { Schedule, ScheduleExpression } from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { contexts, type FunctionName, type FunctionSpec, type Grant, type QueueName, type QueueSpec, type ScheduleSpec } from '#wiring';
import { CommerceFunction } from './commerce-function';

/** What a context's functions may be granted, made by the stateful stack. */
export interface SharedResources {
  table: ITable;
  /** Its ARN export name: grants on the table's indexes name it in cdk-nag's acknowledgement. */
  tableArnExport: string;
  idempotencyTable: Table;
  bus: EventBus;
  queues: Record<QueueName, Queue>;
  stripeSecret: ISecret;
  signingSecret: ISecret;
  identity: { issuer: string; clientId: string };
  shopEmail: string;
  /** The shop's settings (`SELLER_NAME`, `TERMS_VERSION`...), from the CDK context `shop`. */
  shopSettings: Record<string, string>;
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
    const environmentOf: Record<Grant, Record<string, string>> = {
      'table:read': { TABLE_NAME: table.tableName },
      'table:write': { TABLE_NAME: table.tableName },
      idempotency: { IDEMPOTENCY_TABLE_NAME: idempotencyTable.tableName },
      'bus:publish': { EVENT_BUS_NAME: bus.eventBusName },
      'email:send': { SHOP_EMAIL: resources.shopEmail, MAIL_FROM: resources.shopEmail },
      'stripe:secret': { STRIPE_SECRET_ARN: stripeSecret.secretArn },
      'identity:verify': { JWT_ISSUER: identity.issuer, JWT_AUDIENCE: identity.clientId },
      'signing:secret': { SIGNING_SECRET_ARN: signingSecret.secretArn },
      'shop:settings': resources.shopSettings,
    };
    const grant = (fn: CommerceFunction, what: Grant) => {
      switch (what) {
        case 'table:read':
          return table.grantReadData(fn);
        case 'table:write':
          return table.grantWriteData(fn);
        case 'idempotency':
          return idempotencyTable.grantReadWriteData(fn);
        case 'bus:publish':
          return bus.grantPutEventsTo(fn);
        case 'stripe:secret':
          return stripeSecret.grantRead(fn);
        case 'signing:secret':
          return signingSecret.grantRead(fn);
        case 'identity:verify':
        case 'shop:settings':
          return undefined; // public keys over HTTPS, and plain settings: no IAM permission
        case 'email:send':
          return fn.addToRolePolicy(
            new PolicyStatement({
              actions: ['ses:SendEmail'],
              resources: [Stack.of(this).formatArn({ service: 'ses', resource: 'identity', resourceName: resources.shopEmail })],
            }),
          );
      }
    };

    for (const [fnName, spec] of Object.entries(wiring.functions) as [FunctionName, FunctionSpec][]) {
      const environment = Object.assign({}, ...spec.grants.map((g) => environmentOf[g])) as Record<string, string>;
      const fn = new CommerceFunction(this, `${fnName}-function`, { name: fnName, spec, environment });
      for (const g of spec.grants) grant(fn, g);
      if (spec.grants.some((g) => g.startsWith('table:'))) {
        Validations.of(fn).acknowledge({
          id: `AwsSolutions-IAM5[Resource::${resources.tableArnExport}/index/*]`,
          reason: "Queries the domain table's own GSIs (catalog and order listings); no other table.",
        });
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
        // The next run comes soon enough; a retry would only overlap it.
        target: new LambdaInvoke(target, { retryAttempts: 0 }),
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

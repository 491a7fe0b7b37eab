import { CfnOutput, Duration, Fn, Stack, Validations, type CfnElement, type StackProps } from 'aws-cdk-lib';
import { Table } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { Schedule, ScheduleExpression } from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import type { Construct } from 'constructs';
import { functions, queues, schedules, type FunctionName, type FunctionSpec, type Grant } from '#wiring';
import { Api } from '../constructs/api';
import { CommerceFunction } from '../constructs/commerce-function';
import { StatefulStack } from './stateful-stack';

export interface StatelessStackProps extends StackProps {
  stateful: StatefulStack;
  /** The address order notifications and low-stock alerts are sent from and to. */
  shopEmail: string;
}

/**
 * The code and its plumbing: one function per bounded context with its grants, the queues'
 * event sources, the schedules and the HTTP API. Holds no data: safe to replace.
 */
export class StatelessStack extends Stack {
  constructor(scope: Construct, id: string, props: StatelessStackProps) {
    super(scope, id, props);
    const { data, messaging, identity, stripeSecret } = props.stateful;
    const table = Table.fromTableAttributes(this, 'DomainTable', {
      tableArn: Fn.importValue(StatefulStack.domainTableArnExport),
      grantIndexPermissions: true,
    });

    const environmentOf: Record<Grant, Record<string, string>> = {
      'table:read': { TABLE_NAME: table.tableName },
      'table:write': { TABLE_NAME: table.tableName },
      idempotency: { IDEMPOTENCY_TABLE_NAME: data.idempotencyTable.tableName },
      'bus:publish': { EVENT_BUS_NAME: messaging.bus.eventBusName },
      'email:send': { SHOP_EMAIL: props.shopEmail, MAIL_FROM: props.shopEmail },
      'stripe:secret': { STRIPE_SECRET_ARN: stripeSecret.secretArn },
      'identity:verify': { JWT_ISSUER: identity.issuer, JWT_AUDIENCE: identity.client.userPoolClientId },
    };
    const grant = (fn: CommerceFunction, what: Grant) => {
      switch (what) {
        case 'table:read':
          return table.grantReadData(fn);
        case 'table:write':
          return table.grantWriteData(fn);
        case 'idempotency':
          return data.idempotencyTable.grantReadWriteData(fn);
        case 'bus:publish':
          return messaging.bus.grantPutEventsTo(fn);
        case 'stripe:secret':
          return stripeSecret.grantRead(fn);
        case 'identity:verify':
          return undefined; // reads the user pool's public keys over HTTPS: no IAM permission
        case 'email:send':
          return fn.addToRolePolicy(
            new PolicyStatement({
              actions: ['ses:SendEmail'],
              resources: [this.formatArn({ service: 'ses', resource: 'identity', resourceName: props.shopEmail })],
            }),
          );
      }
    };

    const made = {} as Record<FunctionName, IFunction>;
    for (const [name, spec] of Object.entries(functions) as [FunctionName, FunctionSpec][]) {
      const environment = Object.assign({}, ...spec.grants.map((g) => environmentOf[g])) as Record<string, string>;
      const fn = new CommerceFunction(this, `${name}-function`, { name, spec, environment });
      for (const g of spec.grants) grant(fn, g);
      if (spec.grants.some((g) => g.startsWith('table:'))) {
        Validations.of(fn).acknowledge({
          id: `AwsSolutions-IAM5[Resource::${StatefulStack.domainTableArnExport}/index/*]`,
          reason: "Queries the domain table's own GSIs (catalog and order listings); no other table.",
        });
      }
      made[name] = fn;
    }

    for (const [name, spec] of Object.entries(queues)) {
      made[spec.worker].addEventSource(
        new SqsEventSource(messaging.queues[name as keyof typeof queues], {
          batchSize: spec.batchSize,
          maxBatchingWindow: spec.maxBatchingWindowSeconds > 0 ? Duration.seconds(spec.maxBatchingWindowSeconds) : undefined,
          reportBatchItemFailures: true,
        }),
      );
    }

    for (const [name, spec] of Object.entries(schedules)) {
      const target = made[spec.function];
      new Schedule(this, `${name}-schedule`, {
        description: spec.description,
        schedule: ScheduleExpression.expression(spec.expression),
        // The next run comes soon enough; a retry would only overlap it.
        target: new LambdaInvoke(target, { retryAttempts: 0 }),
      });
      Validations.of(this).acknowledge({
        id: `AwsSolutions-IAM5[Resource::<${this.getLogicalId(target.node.defaultChild as CfnElement)}.Arn>:*]`,
        reason: "The scheduler's role may invoke the versions of this one function, nothing else.",
      });
    }

    const api = new Api(this, 'Api', { functions: made, issuer: identity.issuer, client: identity.client });

    new CfnOutput(this, 'ApiUrl', { value: api.url });
  }
}

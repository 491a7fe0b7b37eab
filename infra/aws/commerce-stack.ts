import { CfnOutput, Duration, Stack, Validations, type CfnElement, type StackProps } from 'aws-cdk-lib';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { Schedule, ScheduleExpression } from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import { functions, queues, schedules, type FunctionName, type FunctionSpec, type Grant } from '#wiring';
import { Api } from './constructs/api';
import { CommerceFunction } from './constructs/commerce-function';
import { Data } from './constructs/data';
import { Identity } from './constructs/identity';
import { Messaging } from './constructs/messaging';

export interface CommerceStackProps extends StackProps {
  /** The address order notifications and low-stock alerts are sent from and to. */
  shopEmail: string;
}

/** Everything, built from `shared/wiring.ts`: the same declaration the local runtime reads. */
export class CommerceStack extends Stack {
  constructor(scope: Construct, id: string, props: CommerceStackProps) {
    super(scope, id, props);
    const data = new Data(this, 'Data');
    const messaging = new Messaging(this, 'Messaging');
    const identity = new Identity(this, 'Identity');
    // Created empty; the operator puts {"secretKey":"sk_…","webhookSecret":"whsec_…"} in it.
    const stripeSecret = new Secret(this, 'StripeKeys', {
      description: 'Stripe API secret key and webhook signing secret, as JSON: {"secretKey","webhookSecret"}',
    });
    Validations.of(stripeSecret).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason: "Stripe's keys are rolled in Stripe's dashboard, then put here; no rotation Lambda can do that.",
    });
    const tableArn = `<${this.getLogicalId(data.table.node.defaultChild as CfnElement)}.Arn>`;

    const environmentOf: Record<Grant, Record<string, string>> = {
      'table:read': { TABLE_NAME: data.table.tableName },
      'table:write': { TABLE_NAME: data.table.tableName },
      idempotency: { IDEMPOTENCY_TABLE_NAME: data.idempotencyTable.tableName },
      'bus:publish': { EVENT_BUS_NAME: messaging.bus.eventBusName },
      'email:send': { SHOP_EMAIL: props.shopEmail, MAIL_FROM: props.shopEmail },
      'stripe:secret': { STRIPE_SECRET_ARN: stripeSecret.secretArn },
      'identity:verify': { JWT_ISSUER: identity.issuer, JWT_AUDIENCE: identity.client.userPoolClientId },
    };
    const grant = (fn: CommerceFunction, what: Grant) => {
      switch (what) {
        case 'table:read':
          return data.table.grantReadData(fn);
        case 'table:write':
          return data.table.grantWriteData(fn);
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
          id: `AwsSolutions-IAM5[Resource::${tableArn}/index/*]`,
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
    new CfnOutput(this, 'UserPoolId', { value: identity.userPool.userPoolId });
    new CfnOutput(this, 'UserPoolClientId', { value: identity.client.userPoolClientId });
    new CfnOutput(this, 'StripeSecretArn', { value: stripeSecret.secretArn });
    new CfnOutput(this, 'EventBusName', { value: messaging.bus.eventBusName });
    new CfnOutput(this, 'AlarmTopicArn', { value: messaging.alarmTopic.topicArn });
  }
}

import { CfnOutput, Fn, Stack, type StackProps } from 'aws-cdk-lib';
import { Bucket } from 'aws-cdk-lib/aws-s3';
import { Table } from 'aws-cdk-lib/aws-dynamodb';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { Construct } from 'constructs';
import { contexts, type FunctionName } from '#wiring';
import { Alarms } from '../constructs/alarms';
import { Api } from '../constructs/api';
import { BoundedContext } from '../constructs/bounded-context';
import { StatefulStack } from './stateful-stack';

export interface StatelessStackProps extends StackProps {
  stateful: StatefulStack;
  /** The address order notifications and low-stock alerts are sent from and to. */
  shopEmail: string;
}

/**
 * The code and its plumbing: one construct per bounded context (its functions with their
 * grants, event sources and schedules), the HTTP API and the alarms on both. Holds no data: safe
 * to replace.
 */
export class StatelessStack extends Stack {
  constructor(scope: Construct, id: string, props: StatelessStackProps) {
    super(scope, id, props);
    const { data, messaging, identity, stripeSecret, signingSecret } = props.stateful;
    // Imported by its exported ARN, like the table: the grant and its cdk-nag acknowledgement name a stable value.
    const downloadsBucket = Bucket.fromBucketArn(this, 'Downloads', Fn.importValue(StatefulStack.downloadsBucketArnExport));
    // Imported by its exported ARNs: each function's grants name the table and its indexes, the
    // outbox relay reads its stream.
    const table = Table.fromTableAttributes(this, 'DomainTable', {
      tableArn: Fn.importValue(StatefulStack.domainTableArnExport),
      tableStreamArn: Fn.importValue(StatefulStack.domainTableStreamArnExport),
    });
    const resources = {
      table,
      idempotencyTable: data.idempotencyTable,
      bus: messaging.bus,
      queues: messaging.queues,
      deadLetterQueues: messaging.deadLetterQueues,
      relayFailures: messaging.relayFailures,
      scheduledRunFailures: messaging.scheduledRunFailures,
      stripeSecret,
      signingSecret,
      downloadsBucket,
      downloadsBucketArnExport: StatefulStack.downloadsBucketArnExport,
      identity: { issuer: identity.issuer, clientId: identity.client.userPoolClientId },
      shopEmail: props.shopEmail,
    };
    const made: Partial<Record<FunctionName, IFunction>> = {};
    for (const name of Object.keys(contexts) as (keyof typeof contexts)[]) {
      Object.assign(made, new BoundedContext(this, name, resources).functions);
    }

    const api = new Api(this, 'Api', { functions: made as Record<FunctionName, IFunction>, issuer: identity.issuer, client: identity.client });
    new Alarms(this, 'Alarms', { topic: messaging.alarmTopic, httpApi: api.httpApi, relay: made['outbox-relay']! });
    new CfnOutput(this, 'ApiUrl', { value: api.url });
  }
}

import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { EventBus, Rule } from 'aws-cdk-lib/aws-events';
import { SqsQueue } from 'aws-cdk-lib/aws-events-targets';
import { ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { busName, queues, rules, type QueueName } from '#wiring';

/**
 * The bus (with an archive to replay from), one queue and DLQ per worker, the rules that feed
 * them, and an alarm on every DLQ. Queues use SQS-managed encryption: EventBridge can deliver
 * to them without a key policy, and it costs nothing.
 */
export class Messaging extends Construct {
  readonly bus: EventBus;
  readonly queues: Record<QueueName, Queue>;
  readonly deadLetterQueues: Record<QueueName, Queue>;
  readonly alarmTopic: Topic;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.bus = new EventBus(this, 'Bus', { eventBusName: busName });
    this.bus.archive('Archive', {
      description: 'Every business event, to replay into a new consumer or after an incident',
      eventPattern: { account: [Stack.of(this).account] },
      retention: Duration.days(365),
    });

    const alarmKey = new Key(this, 'AlarmTopicKey', {
      description: 'Encrypts the operations alarm topic',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    // CloudWatch publishes alarms to the encrypted topic, so it must be able to use the key.
    alarmKey.grant(new ServicePrincipal('cloudwatch.amazonaws.com'), 'kms:Decrypt', 'kms:GenerateDataKey*');
    this.alarmTopic = new Topic(this, 'AlarmTopic', {
      displayName: 'Commerce operations alarms',
      masterKey: alarmKey,
      enforceSSL: true,
    });

    const made = Object.entries(queues).map(([name, spec]) => {
      const deadLetterQueue = new Queue(this, `${name}-dlq`, {
        encryption: QueueEncryption.SQS_MANAGED,
        enforceSSL: true,
        retentionPeriod: Duration.days(14),
      });
      const queue = new Queue(this, `${name}-queue`, {
        encryption: QueueEncryption.SQS_MANAGED,
        enforceSSL: true,
        visibilityTimeout: Duration.seconds(spec.visibilityTimeoutSeconds),
        deadLetterQueue: { queue: deadLetterQueue, maxReceiveCount: spec.maxReceiveCount },
      });
      new Alarm(this, `${name}-dlq-alarm`, {
        alarmDescription: `Messages for the ${spec.worker} worker failed ${spec.maxReceiveCount} times and wait in its DLQ`,
        metric: deadLetterQueue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(1) }),
        threshold: 1,
        evaluationPeriods: 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      }).addAlarmAction(new SnsAction(this.alarmTopic));
      return [name, { queue, deadLetterQueue }] as const;
    });
    this.queues = Object.fromEntries(made.map(([name, q]) => [name, q.queue])) as Record<QueueName, Queue>;
    this.deadLetterQueues = Object.fromEntries(made.map(([name, q]) => [name, q.deadLetterQueue])) as Record<QueueName, Queue>;

    for (const [name, spec] of Object.entries(rules)) {
      new Rule(this, `${name}-rule`, {
        ruleName: `commerce-${name}`,
        description: spec.description,
        eventBus: this.bus,
        eventPattern: spec.pattern as never,
        targets: [new SqsQueue(this.queues[spec.queue])],
      });
    }
  }
}

import { Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { EventBus, Rule } from 'aws-cdk-lib/aws-events';
import { SqsQueue } from 'aws-cdk-lib/aws-events-targets';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { busName, queues, rules, type QueueName } from '#wiring';

/**
 * How long, and how often, EventBridge retries delivering an event to a rule's queue before it
 * gives up and puts the event in `undeliveredEvents`: the most it allows. Delivering to SQS fails
 * only while SQS is unavailable or throttling; errors that retrying cannot cure (a queue policy
 * that refuses the bus) go to the DLQ at once.
 */
const targetRetries = { retryAttempts: 185, maxEventAge: Duration.hours(24) };

/**
 * The bus (with an archive to replay from), one queue and DLQ per worker, the rules that feed
 * them, a DLQ for the events a rule could not deliver, one for the scheduled runs that failed, and
 * an alarm on every DLQ. Queues use
 * SQS-managed encryption: EventBridge can deliver to them without a key policy, and it costs nothing.
 */
export class Messaging extends Construct {
  readonly bus: EventBus;
  readonly queues: Record<QueueName, Queue>;
  readonly deadLetterQueues: Record<QueueName, Queue>;
  /** Events a rule could not deliver to its queue, with EventBridge's reason in their attributes. */
  readonly undeliveredEvents: Queue;
  /** Stream batches the outbox relay could not publish (their shard and sequence numbers). */
  readonly relayFailures: Queue;
  /** Scheduled runs that failed: the scheduler could not invoke the function, or the function failed every attempt. */
  readonly scheduledRunFailures: Queue;
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
    // A topic policy replaces SNS's default one, which let the account publish: without this
    // statement the TLS one would be alone and every alarm's notification refused. Only this
    // account's alarms, in this region (the confused-deputy conditions AWS advises).
    const { account, region, partition } = Stack.of(this);
    this.alarmTopic.addToResourcePolicy(
      new PolicyStatement({
        sid: 'AlarmsOfThisAccountPublish',
        principals: [new ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['sns:Publish'],
        resources: [this.alarmTopic.topicArn],
        conditions: {
          StringEquals: { 'aws:SourceAccount': account },
          ArnLike: { 'aws:SourceArn': `arn:${partition}:cloudwatch:${region}:${account}:alarm:*` },
        },
      }),
    );

    const alarmOn = (id: string, queue: Queue, description: string) =>
      new Alarm(this, id, {
        alarmDescription: description,
        metric: queue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(1) }),
        threshold: 1,
        evaluationPeriods: 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      }).addAlarmAction(new SnsAction(this.alarmTopic));
    const deadLetters = (id: string) =>
      new Queue(this, id, { encryption: QueueEncryption.SQS_MANAGED, enforceSSL: true, retentionPeriod: Duration.days(14) });

    const made = Object.entries(queues).map(([name, spec]) => {
      const deadLetterQueue = deadLetters(`${name}-dlq`);
      const queue = new Queue(this, `${name}-queue`, {
        encryption: QueueEncryption.SQS_MANAGED,
        enforceSSL: true,
        visibilityTimeout: Duration.seconds(spec.visibilityTimeoutSeconds),
        deadLetterQueue: { queue: deadLetterQueue, maxReceiveCount: spec.maxReceiveCount },
      });
      alarmOn(`${name}-dlq-alarm`, deadLetterQueue, `Messages for the ${spec.worker} worker failed ${spec.maxReceiveCount} times and wait in its DLQ`);
      return [name, { queue, deadLetterQueue }] as const;
    });
    this.queues = Object.fromEntries(made.map(([name, q]) => [name, q.queue])) as Record<QueueName, Queue>;
    this.deadLetterQueues = Object.fromEntries(made.map(([name, q]) => [name, q.deadLetterQueue])) as Record<QueueName, Queue>;

    // One for the bus: each rule's target sends there what it could not deliver, and the SqsQueue
    // target lets the rule (and only it: aws:SourceArn) send to it.
    this.undeliveredEvents = deadLetters('undelivered-events');
    Validations.of(this.undeliveredEvents).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason: "It is a dead-letter queue itself, EventBridge's (a rule target's deadLetterConfig), which cdk-nag recognizes only from SQS redrive policies; its alarm reports what lands there.",
    });
    alarmOn('undelivered-events-alarm', this.undeliveredEvents, 'EventBridge could not deliver events to a worker queue; they wait in the undelivered-events DLQ');

    this.relayFailures = deadLetters('relay-failures');
    Validations.of(this.relayFailures).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason: "It is a dead-letter queue itself, the outbox relay's stream on-failure destination; its alarm reports what lands there.",
    });
    alarmOn('relay-failures-alarm', this.relayFailures, 'The outbox relay could not publish events for an hour; their stream records are named in the relay-failures DLQ');

    this.scheduledRunFailures = deadLetters('scheduled-run-failures');
    Validations.of(this.scheduledRunFailures).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason: "It is a dead-letter queue itself, the schedules' (EventBridge Scheduler's DLQ, and their functions' asynchronous on-failure destination); its alarm reports what lands there.",
    });
    alarmOn(
      'scheduled-run-failures-alarm',
      this.scheduledRunFailures,
      "A scheduled job (unpaid orders' expiry, payment reconciliation, refund deadlines) failed; the run and its error wait in the scheduled-run-failures DLQ",
    );

    for (const [name, spec] of Object.entries(rules)) {
      new Rule(this, `${name}-rule`, {
        ruleName: `commerce-${name}`,
        description: spec.description,
        eventBus: this.bus,
        eventPattern: spec.pattern as never,
        targets: [new SqsQueue(this.queues[spec.queue], { deadLetterQueue: this.undeliveredEvents, ...targetRetries })],
      });
    }
  }
}

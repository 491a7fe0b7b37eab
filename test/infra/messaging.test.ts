import { Match, type Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { lookup, synthesizeCommerce, type Resources } from './synth';
import { outboxStreamFilters } from '#runtime/dynamodb/outbox';
import { functions, queues, rules, schedules, type FunctionName, type FunctionSpec, type QueueSpec } from '#wiring';

/** The stateless stack: functions, event sources, schedules. */
let template: Template;
/** The stateful stack: bus, rules, queues. */
let stateful: Template;
let resources: Resources;
let find: ReturnType<typeof lookup>;

beforeAll(() => {
  ({ stateless: template, stateful, resources } = synthesizeCommerce());
  find = lookup(resources);
}, 60_000);

const ofType = (type: string) => find.ofType(type);
const idStartingWith = (prefix: string, type?: string) => find.idStartingWith(prefix, type);
const functionIdOf = (name: Parameters<typeof find.functionIdOf>[0]) => find.functionIdOf(name);
const queueIdOf = (name: string) => find.queueIdOf(name);
const dlqIdOf = (name: string) => find.dlqIdOf(name);

describe('queues, rules and schedules', () => {
  it("lets this account's alarms publish to the alarm topic, whose policy replaces SNS's default one (TLS enforced)", () => {
    const topicId = idStartingWith('MessagingAlarmTopic', 'AWS::SNS::Topic');
    const policies = stateful.findResources('AWS::SNS::TopicPolicy');
    const statements = Object.values(policies)
      .filter((p) => JSON.stringify(p.Properties.Topics) === JSON.stringify([{ Ref: topicId }]))
      .flatMap((p) => p.Properties.PolicyDocument.Statement as { Effect: string; Principal?: { Service?: string }; Action: string; Condition?: object }[]);
    expect(statements.filter((s) => s.Effect === 'Deny').map((s) => s.Condition)).toEqual([{ Bool: { 'aws:SecureTransport': 'false' } }]);
    const allowed = statements.filter((s) => s.Effect === 'Allow');
    expect(allowed).toEqual([
      expect.objectContaining({
        Principal: { Service: 'cloudwatch.amazonaws.com' },
        Action: 'sns:Publish',
        Condition: {
          StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } },
          ArnLike: { 'aws:SourceArn': { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':cloudwatch:', { Ref: 'AWS::Region' }, ':', { Ref: 'AWS::AccountId' }, ':alarm:*']] } },
        },
      }),
    ]);
  });

  it('gives every queue its DLQ, encryption, TLS policy, alarm and its worker', () => {
    const topicId = idStartingWith('MessagingAlarmTopic', 'AWS::SNS::Topic');
    for (const [name, spec] of Object.entries(queues as Record<string, QueueSpec>)) {
      const queueId = queueIdOf(name);
      const dlqId = dlqIdOf(name);
      expect(resources[queueId]!.Properties).toMatchObject({
        VisibilityTimeout: spec.visibilityTimeoutSeconds,
        RedrivePolicy: { deadLetterTargetArn: { 'Fn::GetAtt': [dlqId, 'Arn'] }, maxReceiveCount: spec.maxReceiveCount },
      });
      // The queue lives in the stateful stack: the mapping reads its ARN through an import.
      const mappings = ofType('AWS::Lambda::EventSourceMapping').filter((m) => JSON.stringify(m.EventSourceArn).includes(`${queueId}Arn`));
      expect(mappings).toHaveLength(1);
      expect(mappings[0]).toMatchObject({
        FunctionName: { Ref: functionIdOf(spec.worker as FunctionName) },
        BatchSize: spec.batchSize,
        FunctionResponseTypes: ['ReportBatchItemFailures'],
      });
      expect(mappings[0]!.ScalingConfig).toEqual(spec.maxConcurrency ? { MaximumConcurrency: spec.maxConcurrency } : undefined);
      stateful.hasResourceProperties('AWS::CloudWatch::Alarm', {
        Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [dlqId, 'QueueName'] } }],
        Threshold: 1,
        AlarmActions: [{ Ref: topicId }],
      });
    }
    const all = ofType('AWS::SQS::Queue');
    // A queue and a DLQ per worker; the bus's DLQ for events its rules could not deliver; the
    // outbox relay's, for stream records it could not publish; the schedules', for failed runs.
    expect(all).toHaveLength(Object.keys(queues).length * 2 + 3);
    for (const q of all) expect(q.SqsManagedSseEnabled).toBe(true);
    stateful.resourceCountIs('AWS::SQS::QueuePolicy', all.length);
    for (const policy of ofType('AWS::SQS::QueuePolicy')) {
      expect(JSON.stringify(policy)).toContain('aws:SecureTransport');
    }
  });

  it('routes each rule pattern from the bus to its queue', () => {
    const busId = idStartingWith('MessagingBus', 'AWS::Events::EventBus');
    for (const [name, spec] of Object.entries(rules)) {
      stateful.hasResourceProperties('AWS::Events::Rule', {
        Name: `commerce-${name}`,
        EventBusName: { Ref: busId },
        EventPattern: spec.pattern,
        Targets: [Match.objectLike({ Arn: { 'Fn::GetAtt': [queueIdOf(spec.queue), 'Arn'] } })],
      });
    }
    stateful.hasResourceProperties('AWS::Events::EventBus', { Name: 'commerce' });
    stateful.hasResourceProperties('AWS::Events::Archive', { SourceArn: { 'Fn::GetAtt': [busId, 'Arn'] } });
  });

  it('never drops an event silently: every rule target retries, then leaves it in an alarmed DLQ', () => {
    const dlqId = idStartingWith('Messagingundeliveredevents', 'AWS::SQS::Queue');
    const ruleIds = Object.keys(resources).filter((id) => resources[id]!.Type === 'AWS::Events::Rule');
    expect(ruleIds).toHaveLength(Object.keys(rules).length);
    for (const ruleId of ruleIds) {
      const targets = resources[ruleId]!.Properties.Targets as Record<string, unknown>[];
      expect(targets.length, ruleId).toBeGreaterThan(0);
      for (const target of targets) {
        expect(target, ruleId).toMatchObject({
          DeadLetterConfig: { Arn: { 'Fn::GetAtt': [dlqId, 'Arn'] } },
          RetryPolicy: { MaximumRetryAttempts: 185, MaximumEventAgeInSeconds: 24 * 3600 },
        });
      }
    }
    expect(resources[dlqId]!.Properties).toMatchObject({ SqsManagedSseEnabled: true, MessageRetentionPeriod: 14 * 24 * 3600 });
    // EventBridge may send there for these rules only, over TLS only.
    const [policy] = ofType('AWS::SQS::QueuePolicy').filter((p) => JSON.stringify(p.Queues).includes(dlqId));
    const statements = (policy!.PolicyDocument as { Statement: Record<string, unknown>[] }).Statement;
    expect(JSON.stringify(statements)).toContain('aws:SecureTransport');
    for (const ruleId of ruleIds) {
      expect(statements).toContainEqual(
        expect.objectContaining({
          Effect: 'Allow',
          Principal: { Service: 'events.amazonaws.com' },
          Action: 'sqs:SendMessage',
          Condition: { ArnEquals: { 'aws:SourceArn': { 'Fn::GetAtt': [ruleId, 'Arn'] } } },
        }),
      );
    }
    stateful.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [dlqId, 'QueueName'] } }],
      Threshold: 1,
      AlarmActions: [{ Ref: idStartingWith('MessagingAlarmTopic', 'AWS::SNS::Topic') }],
    });
  });

  it('lets at most 4 payments contend for the invoice counter at once', () => {
    // Each one reads the counter, then a transaction moves it if nobody else did: past a few
    // contenders, attempts fail over and over (see the payments queue in its wiring).
    const spec = queues.payments;
    const [mapping] = ofType('AWS::Lambda::EventSourceMapping').filter((m) => JSON.stringify(m.EventSourceArn).includes(`${queueIdOf('payments')}Arn`));
    const { MaximumConcurrency } = mapping!.ScalingConfig as { MaximumConcurrency: number };
    expect(MaximumConcurrency).toBe(spec.maxConcurrency);
    // A batch's records are processed in parallel: each invocation brings that many contenders.
    expect(MaximumConcurrency * (mapping!.BatchSize as number)).toBeLessThanOrEqual(4);
  });

  it('schedules each scheduled job', () => {
    for (const spec of Object.values(schedules)) {
      template.hasResourceProperties('AWS::Scheduler::Schedule', {
        ScheduleExpression: spec.expression,
        Target: Match.objectLike({ Arn: { 'Fn::GetAtt': [functionIdOf(spec.function), 'Arn'] } }),
      });
    }
  });

  it('leaves a scheduled run that failed in an alarmed DLQ: the scheduler retries handing it to Lambda, Lambda retries the run', () => {
    // The scheduler invokes Lambda asynchronously: its DLQ takes the runs it could not hand over;
    // the function's on-failure destination those that failed every attempt.
    const dlqId = idStartingWith('Messagingscheduledrunfailures', 'AWS::SQS::Queue');
    const importsDlq = expect.objectContaining({ 'Fn::ImportValue': expect.stringContaining(dlqId) });
    const deployed = ofType('AWS::Scheduler::Schedule');
    expect(deployed).toHaveLength(Object.keys(schedules).length);
    for (const spec of Object.values(schedules)) {
      const schedule = deployed.find((p) => p.ScheduleExpression === spec.expression && JSON.stringify(p.Target).includes(functionIdOf(spec.function)));
      expect(schedule!.Target, spec.function).toMatchObject({
        RetryPolicy: { MaximumRetryAttempts: expect.any(Number), MaximumEventAgeInSeconds: 60 },
        DeadLetterConfig: { Arn: importsDlq },
      });
      expect((schedule!.Target as { RetryPolicy: { MaximumRetryAttempts: number } }).RetryPolicy.MaximumRetryAttempts, spec.function).toBeGreaterThan(0);
      const invokeConfigs = ofType('AWS::Lambda::EventInvokeConfig').filter((c) => JSON.stringify(c.FunctionName) === JSON.stringify({ Ref: functionIdOf(spec.function) }));
      expect(invokeConfigs, spec.function).toEqual([expect.objectContaining({ MaximumRetryAttempts: 2, DestinationConfig: { OnFailure: { Destination: importsDlq } } })]);
    }
    expect(resources[dlqId]!.Properties).toMatchObject({ SqsManagedSseEnabled: true, MessageRetentionPeriod: 14 * 24 * 3600 });
    stateful.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [dlqId, 'QueueName'] } }],
      Threshold: 1,
      AlarmActions: [{ Ref: idStartingWith('MessagingAlarmTopic', 'AWS::SNS::Topic') }],
    });
  });
});

describe('the outbox relay', () => {
  it("is fed the new outbox items of the table's stream, and leaves what it cannot publish in an alarmed DLQ", () => {
    const relays = (Object.entries(functions) as [FunctionName, FunctionSpec][]).filter(([, spec]) => spec.kind === 'stream');
    expect(relays.length).toBeGreaterThan(0);
    stateful.hasResourceProperties('AWS::DynamoDB::Table', { KeySchema: Match.anyValue(), StreamSpecification: { StreamViewType: 'NEW_IMAGE' } });
    const failuresId = idStartingWith('Messagingrelayfailures', 'AWS::SQS::Queue');
    for (const [name] of relays) {
      const [mapping] = ofType('AWS::Lambda::EventSourceMapping').filter((m) => JSON.stringify(m.FunctionName) === JSON.stringify({ Ref: functionIdOf(name) }));
      expect(mapping, name).toMatchObject({
        EventSourceArn: { 'Fn::ImportValue': 'commerce-domain-table-stream-arn' },
        StartingPosition: 'TRIM_HORIZON',
        BisectBatchOnFunctionError: true,
        FunctionResponseTypes: ['ReportBatchItemFailures'],
        FilterCriteria: { Filters: outboxStreamFilters.map((filter) => ({ Pattern: JSON.stringify(filter) })) },
      });
      expect(JSON.stringify((mapping!.DestinationConfig as { OnFailure: unknown }).OnFailure)).toContain(failuresId);
    }
    stateful.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [failuresId, 'QueueName'] } }],
      AlarmActions: [{ Ref: idStartingWith('MessagingAlarmTopic', 'AWS::SNS::Topic') }],
    });
  });
});

describe('alarms outside the queues', () => {
  const toTheTopic = () => [{ 'Fn::ImportValue': expect.stringContaining(idStartingWith('MessagingAlarmTopic', 'AWS::SNS::Topic')) }];

  it("tell the operators' topic of the API's 5xx (the Stripe webhook's included) and of the outbox relay falling behind, and no more", () => {
    // The stateless stack's own: the stateful one holds the alarm of every DLQ.
    const alarms = Object.values(template.findResources('AWS::CloudWatch::Alarm')).map((r) => r.Properties as Record<string, unknown>);
    expect(alarms).toHaveLength(2);
    expect(alarms).toContainEqual(
      expect.objectContaining({
        Namespace: 'AWS/ApiGateway',
        MetricName: '5xx',
        Dimensions: [{ Name: 'ApiId', Value: { Ref: idStartingWith('ApiHttpApi', 'AWS::ApiGatewayV2::Api') } }],
        Statistic: 'Sum',
        Threshold: 1,
        AlarmActions: toTheTopic(),
      }),
    );
    const [relay] = (Object.entries(functions) as [FunctionName, FunctionSpec][]).find(([, spec]) => spec.kind === 'stream')!;
    expect(alarms).toContainEqual(
      expect.objectContaining({
        Namespace: 'AWS/Lambda',
        MetricName: 'IteratorAge',
        Dimensions: [{ Name: 'FunctionName', Value: { Ref: functionIdOf(relay) } }],
        Statistic: 'Maximum',
        Threshold: 120_000,
        AlarmActions: toTheTopic(),
      }),
    );
  });
});

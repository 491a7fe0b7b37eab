import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { Queue } from 'aws-cdk-lib/aws-sqs';
import { beforeAll, describe, expect, it } from 'vitest';
import { addCommerce } from '../../infra/aws/commerce-app';
import { grantEnvironment } from '#runtime/config';
import { functions, queues, routes, rules, schedules } from '#wiring';

type Resources = Record<string, { Type: string; Properties: Record<string, unknown> }>;

// The context of cdk.json, as `npx cdk synth` reads it; bundling is skipped here (the stacks
// are the same; `npx cdk synth` and the bench do bundle).
const { context } = JSON.parse(readFileSync(path.join(import.meta.dirname, '../../cdk.json'), 'utf8')) as { context: Record<string, unknown> };
const newApp = () => {
  const outdir = mkdtempSync(path.join(tmpdir(), 'cdk-out-'));
  return { app: new App({ outdir, context: { ...context, 'aws:cdk:bundling-stacks': [] } }), outdir };
};

/** The stateless stack: functions, API, event sources, schedules. */
let template: Template;
/** The stateful stack: tables, bus, rules, queues, user pool, secret. */
let stateful: Template;
let resources: Resources;
let outdir: string;

beforeAll(() => {
  const made = newApp();
  outdir = made.outdir;
  const stacks = addCommerce(made.app);
  made.app.synth(); // throws if cdk-nag reports an error
  template = Template.fromStack(stacks.stateless);
  stateful = Template.fromStack(stacks.stateful);
  resources = { ...(template.toJSON().Resources as Resources), ...(stateful.toJSON().Resources as Resources) };
}, 60_000);

const idStartingWith = (prefix: string, type?: string) => {
  const ids = Object.keys(resources).filter((id) => id.startsWith(prefix) && (!type || resources[id]!.Type === type));
  expect(ids, prefix).toHaveLength(1);
  return ids[0]!;
};
const functionIdOf = (name: keyof typeof functions) =>
  logicalIdOf('AWS::Lambda::Function', (p) => p.Description === functions[name].description);
// The construct ids in `Messaging`: `<queue>-queue`, `<queue>-dlq` (CDK drops the dashes).
const queueIdOf = (name: string) => idStartingWith(`Messaging${name}queue`, 'AWS::SQS::Queue');
const dlqIdOf = (name: string) => idStartingWith(`Messaging${name}dlq`, 'AWS::SQS::Queue');

const ofType = (type: string) => Object.values(resources).filter((r) => r.Type === type).map((r) => r.Properties);
const logicalIdOf = (type: string, predicate: (p: Record<string, unknown>) => boolean) =>
  Object.entries(resources).find(([, r]) => r.Type === type && predicate(r.Properties))?.[0];

describe('cdk-nag', () => {
  it('reports no error and no warning on either stack', () => {
    const report = JSON.parse(readFileSync(path.join(outdir, 'validation-report.json'), 'utf8')) as {
      pluginReports: { violations: unknown[] }[];
    };
    expect(report.pluginReports.flatMap((r) => r.violations)).toEqual([]);
  });

  it('is really running: an unacknowledged finding fails the synth', () => {
    const { app } = newApp();
    const { stateful: stack } = addCommerce(app);
    new Queue(stack, 'PlainQueue'); // no DLQ, no TLS enforcement
    expect(() => app.synth()).toThrow(/AwsSolutions-SQS3[\s\S]*PlainQueue|PlainQueue[\s\S]*AwsSolutions-SQS3/);
  }, 60_000);
});

describe('routes', () => {
  it('has exactly the declared routes plus $default', () => {
    const keys = ofType('AWS::ApiGatewayV2::Route').map((r) => r.RouteKey);
    expect(keys.sort()).toEqual([...Object.keys(routes), '$default'].sort());
  });

  it('puts the JWT authorizer on customer and admin routes only', () => {
    for (const [key, route] of Object.entries(routes)) {
      const expected = route.auth === 'customer' || route.auth === 'admin' ? 'JWT' : 'NONE';
      const actual = ofType('AWS::ApiGatewayV2::Route').find((r) => r.RouteKey === key);
      expect({ key, type: actual?.AuthorizationType ?? 'NONE' }).toEqual({ key, type: expected });
    }
    template.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      AuthorizerType: 'JWT',
      IdentitySource: ['$request.header.Authorization'],
    });
    // Issued by our user pool, for our app client.
    const [authorizer] = ofType('AWS::ApiGatewayV2::Authorizer');
    const jwt = JSON.stringify(authorizer!.JwtConfiguration);
    expect(jwt).toContain('https://cognito-idp.');
    expect(jwt).toContain('IdentityUserPool');
    expect(jwt).toContain('IdentityUserPoolWebClient');
  });

  it('sends each route to the function the wiring names', () => {
    const integrationTarget = (integrationId: string) =>
      JSON.stringify(resources[integrationId]?.Properties.IntegrationUri);
    for (const [key, route] of Object.entries(routes)) {
      const r = ofType('AWS::ApiGatewayV2::Route').find((p) => p.RouteKey === key)!;
      const integrationId = (r.Target as { 'Fn::Join': [string, unknown[]] })['Fn::Join'][1][1] as { Ref: string };
      expect(integrationTarget(integrationId.Ref)).toContain(functionIdOf(route.function));
    }
  });

  it('writes access logs and throttles the stage', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      AccessLogSettings: { DestinationArn: { 'Fn::GetAtt': [idStartingWith('ApiAccessLogs', 'AWS::Logs::LogGroup'), 'Arn'] }, Format: Match.stringLikeRegexp('requestId') },
      DefaultRouteSettings: { ThrottlingRateLimit: 200, ThrottlingBurstLimit: 400 },
    });
  });
});

describe('functions', () => {
  it('runs every declared function on Node 24, arm64, with the environment its grants need', () => {
    const deployed = ofType('AWS::Lambda::Function');
    expect(deployed).toHaveLength(Object.keys(functions).length);
    for (const spec of Object.values(functions)) {
      const fn = deployed.find((p) => p.Description === spec.description);
      expect(fn!.Runtime).toBe('nodejs24.x');
      expect(fn!.Architectures).toEqual(['arm64']);
      const env = Object.keys((fn!.Environment as { Variables: Record<string, unknown> }).Variables);
      for (const g of spec.grants) expect(env).toEqual(expect.arrayContaining([...grantEnvironment[g]]));
    }
  });

  it('keeps Stripe keys out of the template', () => {
    expect(JSON.stringify([template.toJSON(), stateful.toJSON()])).not.toMatch(/sk_(test|live)_|whsec_/);
    stateful.resourceCountIs('AWS::SecretsManager::Secret', 1);
  });
});

describe('queues, rules and schedules', () => {
  it('gives every queue its DLQ, encryption, TLS policy, alarm and its worker', () => {
    const topicId = idStartingWith('MessagingAlarmTopic', 'AWS::SNS::Topic');
    for (const [name, spec] of Object.entries(queues)) {
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
        FunctionName: { Ref: functionIdOf(spec.worker) },
        BatchSize: spec.batchSize,
        FunctionResponseTypes: ['ReportBatchItemFailures'],
      });
      stateful.hasResourceProperties('AWS::CloudWatch::Alarm', {
        Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [dlqId, 'QueueName'] } }],
        Threshold: 1,
        AlarmActions: [{ Ref: topicId }],
      });
    }
    const all = ofType('AWS::SQS::Queue');
    expect(all).toHaveLength(Object.keys(queues).length * 2);
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

  it('schedules each scheduled job', () => {
    for (const spec of Object.values(schedules)) {
      template.hasResourceProperties('AWS::Scheduler::Schedule', {
        ScheduleExpression: spec.expression,
        Target: Match.objectLike({ Arn: { 'Fn::GetAtt': [functionIdOf(spec.function), 'Arn'] } }),
      });
    }
  });
});

describe('tables', () => {
  it('are on demand with point-in-time recovery, TTL and the GSIs', () => {
    stateful.resourceCountIs('AWS::DynamoDB::Table', 2);
    stateful.hasResourceProperties('AWS::DynamoDB::Table', {
      BillingMode: 'PAY_PER_REQUEST',
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
      GlobalSecondaryIndexes: [Match.objectLike({ IndexName: 'GSI1' }), Match.objectLike({ IndexName: 'GSI2' })],
    });
    stateful.hasResourceProperties('AWS::DynamoDB::Table', {
      TimeToLiveSpecification: { AttributeName: 'expiration', Enabled: true },
    });
  });
});

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { Queue } from 'aws-cdk-lib/aws-sqs';
import { beforeAll, describe, expect, it } from 'vitest';
import { addCommerce } from '../../infra/aws/commerce-app';
import { lookup, newApp, synthesizeCommerce, type Resources } from './synth';
import { grantEnvironment } from '#runtime/config';
import { CORS } from '#runtime/cors';
import { functions, routes, type RouteSpec } from '#wiring';

/** The stateless stack: functions, API, event sources, schedules. */
let template: Template;
/** The stateful stack: tables, bus, rules, queues, user pool, secret. */
let stateful: Template;
let resources: Resources;
let outdir: string;
let find: ReturnType<typeof lookup>;

beforeAll(() => {
  ({ stateless: template, stateful, resources, outdir } = synthesizeCommerce()); // throws if cdk-nag reports an error
  find = lookup(resources);
}, 60_000);

const ofType = (type: string) => find.ofType(type);
const idStartingWith = (prefix: string, type?: string) => find.idStartingWith(prefix, type);
const logicalIdOf = (type: string, predicate: (p: Record<string, unknown>) => boolean) => find.logicalIdOf(type, predicate);
const functionIdOf = (name: keyof typeof functions) => find.functionIdOf(name);

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

  it('answers CORS as the local runtime does, exposing Retry-After', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Api', {
      CorsConfiguration: { AllowOrigins: ['*'], AllowMethods: [...CORS.allowMethods], AllowHeaders: [...CORS.allowHeaders], ExposeHeaders: ['retry-after'], MaxAge: CORS.maxAgeSeconds },
    });
  });

  it('writes access logs and throttles the stage', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      AccessLogSettings: { DestinationArn: { 'Fn::GetAtt': [idStartingWith('ApiAccessLogs', 'AWS::Logs::LogGroup'), 'Arn'] }, Format: Match.stringLikeRegexp('requestId') },
      DefaultRouteSettings: { ThrottlingRateLimit: 200, ThrottlingBurstLimit: 400 },
    });
  });

  it('gives checkout and opening a cart throttles of their own, below the stage default, after their routes exist', () => {
    const stageId = idStartingWith('ApiHttpApiDefaultStage', 'AWS::ApiGatewayV2::Stage');
    const stage = resources[stageId]!;
    const throttled = Object.entries(routes as Record<string, RouteSpec>).filter(([, route]) => route.throttle);
    expect(stage.Properties.RouteSettings).toEqual(
      Object.fromEntries(throttled.map(([key, { throttle }]) => [key, { ThrottlingRateLimit: throttle!.rateLimit, ThrottlingBurstLimit: throttle!.burstLimit }])),
    );
    for (const key of ['POST /carts/{cartId}/checkout', 'POST /carts']) {
      const settings = (stage.Properties.RouteSettings as Record<string, { ThrottlingRateLimit: number; ThrottlingBurstLimit: number }>)[key];
      expect(settings?.ThrottlingRateLimit, key).toBeLessThan(200);
      expect(settings?.ThrottlingBurstLimit, key).toBeLessThan(400);
    }
    // Checkout creates a PaymentIntent per call: never more at once than Stripe's 25 a second.
    expect((stage.Properties.RouteSettings as Record<string, { ThrottlingBurstLimit: number }>)['POST /carts/{cartId}/checkout']?.ThrottlingBurstLimit).toBeLessThanOrEqual(25);
    // API Gateway refuses settings naming a route it does not have yet: the stage waits for them.
    const routeIdOf = (key: string) => logicalIdOf('AWS::ApiGatewayV2::Route', (p) => p.RouteKey === key)!;
    expect(stage.DependsOn).toEqual(expect.arrayContaining(throttled.map(([key]) => routeIdOf(key))));
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

  it('traces with X-Ray only when the deploying team asks (-c tracing=true)', () => {
    for (const fn of ofType('AWS::Lambda::Function')) expect(fn.TracingConfig).toBeUndefined();
    const { app } = newApp({ tracing: 'true' });
    const { stateless } = addCommerce(app);
    const traced = Template.fromStack(stateless).findResources('AWS::Lambda::Function');
    expect(Object.keys(traced)).toHaveLength(Object.keys(functions).length);
    for (const fn of Object.values(traced)) expect(fn.Properties.TracingConfig).toEqual({ Mode: 'Active' });
  }, 60_000);

  it('keeps Stripe keys and the signing key out of the template', () => {
    expect(JSON.stringify([template.toJSON(), stateful.toJSON()])).not.toMatch(/sk_(test|live)_|whsec_/);
    // Stripe's keys and the signing key: each made by Secrets Manager, no value written here.
    const secrets = ofType('AWS::SecretsManager::Secret');
    expect(secrets).toHaveLength(2);
    for (const secret of secrets) {
      expect(secret.SecretString).toBeUndefined();
      // Generated by Secrets Manager at deploy, never a value written in the template.
      expect(typeof secret.GenerateSecretString).toBe('object');
    }
    expect(secrets.map((s) => s.GenerateSecretString)).toContainEqual({ ExcludePunctuation: true, PasswordLength: 64 });
  });
});

describe('tables', () => {
  it('are on demand with point-in-time recovery, TTL and the GSIs', () => {
    stateful.resourceCountIs('AWS::DynamoDB::Table', 2);
    stateful.hasResourceProperties('AWS::DynamoDB::Table', {
      BillingMode: 'PAY_PER_REQUEST',
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
      GlobalSecondaryIndexes: [Match.objectLike({ IndexName: 'GSI1' }), Match.objectLike({ IndexName: 'GSI2' }), Match.objectLike({ IndexName: 'GSI3', Projection: { ProjectionType: 'KEYS_ONLY' } }),
        Match.objectLike({ IndexName: 'GSI4', Projection: { ProjectionType: 'INCLUDE', NonKeyAttributes: ['paymentDueAt'] } })],
    });
    stateful.hasResourceProperties('AWS::DynamoDB::Table', {
      TimeToLiveSpecification: { AttributeName: 'expiration', Enabled: true },
    });
  });

  it('keep the domain table, with deletion protection, and both secrets through a destroy; not the idempotency records', () => {
    stateful.hasResource('AWS::DynamoDB::Table', { DeletionPolicy: 'Retain', Properties: Match.objectLike({ DeletionProtectionEnabled: true, StreamSpecification: Match.anyValue() }) });
    stateful.hasResource('AWS::DynamoDB::Table', { DeletionPolicy: 'Delete', Properties: Match.objectLike({ TimeToLiveSpecification: { AttributeName: 'expiration', Enabled: true } }) });
    const secrets = stateful.findResources('AWS::SecretsManager::Secret');
    expect(Object.values(secrets).map((secret) => secret.DeletionPolicy)).toEqual(['Retain', 'Retain']);
  });
});

describe('identity', () => {
  it("signs in with SRP only: the app client keeps none of CDK's placeholder OAuth flows, scopes or callback", () => {
    const [client, ...others] = ofType('AWS::Cognito::UserPoolClient');
    expect(others).toEqual([]);
    expect(client).toMatchObject({ ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] });
    expect(client!.AllowedOAuthFlowsUserPoolClient ?? false).toBe(false);
    for (const oauth of ['AllowedOAuthFlows', 'AllowedOAuthScopes', 'CallbackURLs', 'LogoutURLs']) expect({ oauth, set: client![oauth] }).toEqual({ oauth, set: undefined });
  });
});

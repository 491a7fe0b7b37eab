import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import type { CfnStage, HttpMethod } from 'aws-cdk-lib/aws-apigatewayv2';
import { CorsHttpMethod, HttpApi, HttpRoute, HttpRouteKey, LogGroupLogDestination } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { UserPoolClient } from 'aws-cdk-lib/aws-cognito';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { CORS } from '#runtime/cors';
import { routes, type Auth, type FunctionName, type RouteSpec } from '#wiring';

// Why a route is open at the gateway: cdk-nag's APIG4 asks for a reason on each of them.
const openBecause: Record<Exclude<Auth, 'customer' | 'admin'>, string> = {
  public: 'Public by design: the catalog, health and opening a cart need no sign-in.',
  cart: 'Guarded in the function by the secret cart token (X-Cart-Token, stored hashed); anonymous carts are the point.',
  order: 'Guarded in the function by the secret order token (X-Order-Token, an HMAC of the order id, never stored) given at checkout, or the signed-in customer who placed it.',
  webhook: "Called by Stripe, which cannot sign in; the function verifies Stripe's signature and timestamp.",
};

export interface ApiProps {
  functions: Record<FunctionName, IFunction>;
  issuer: string;
  client: UserPoolClient;
}

// One JSON line per request: enough to trace a request into the function's logs (requestId).
const accessLogFormat = AccessLogFormat.custom(
  JSON.stringify({
    requestId: '$context.requestId',
    ip: '$context.identity.sourceIp',
    requestTime: '$context.requestTime',
    method: '$context.httpMethod',
    routeKey: '$context.routeKey',
    path: '$context.path',
    status: '$context.status',
    responseLength: '$context.responseLength',
    latencyMs: '$context.responseLatency',
    integrationError: '$context.integrationErrorMessage',
    authorizerError: '$context.authorizer.error',
  }),
);

/**
 * The HTTP API, route by route from the wiring. `customer` and `admin` routes go through the
 * user pool's JWT authorizer (the function then checks the `admin` group); the others are
 * public at the gateway and guarded in the function (cart/order tokens, Stripe signature).
 * `$default` goes to the catalog function, which answers 404 or 405 as problem+json.
 */
export class Api extends Construct {
  readonly httpApi: HttpApi;

  constructor(scope: Construct, id: string, { functions, issuer, client }: ApiProps) {
    super(scope, id);
    const accessLogs = new LogGroup(this, 'AccessLogs', {
      retention: RetentionDays.THREE_MONTHS,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.httpApi = new HttpApi(this, 'HttpApi', {
      apiName: 'commerce',
      description: 'Commerce backend: catalog, carts, checkout, orders, admin',
      createDefaultStage: false,
      corsPreflight: {
        allowOrigins: [...CORS.allowOrigins],
        allowMethods: CORS.allowMethods.map((method) => CorsHttpMethod[method]),
        allowHeaders: [...CORS.allowHeaders],
        exposeHeaders: [...CORS.exposeHeaders],
        maxAge: Duration.seconds(CORS.maxAgeSeconds),
      },
    });
    const stage = this.httpApi.addStage('DefaultStage', {
      stageName: '$default',
      autoDeploy: true,
      throttle: { rateLimit: 200, burstLimit: 400 },
      accessLogSettings: { destination: new LogGroupLogDestination(accessLogs), format: accessLogFormat },
    });
    // Routes with a throttle of their own (checkout, opening a cart), from the wiring.
    const routeSettings: Record<string, { ThrottlingRateLimit: number; ThrottlingBurstLimit: number }> = {};

    const authorizer = new HttpJwtAuthorizer('UserPoolAuthorizer', issuer, {
      jwtAudience: [client.userPoolClientId],
      identitySource: ['$request.header.Authorization'],
    });
    const integrations = new Map<FunctionName, HttpLambdaIntegration>();
    const integrationOf = (name: FunctionName) => {
      let integration = integrations.get(name);
      if (!integration) {
        integration = new HttpLambdaIntegration(`${name}-integration`, functions[name]);
        integrations.set(name, integration);
      }
      return integration;
    };

    for (const [key, route] of Object.entries(routes)) {
      const [method, path] = key.split(' ') as [HttpMethod, string];
      const signedIn = route.auth === 'customer' || route.auth === 'admin';
      const httpRoute = new HttpRoute(this, key, {
        httpApi: this.httpApi,
        routeKey: HttpRouteKey.with(path, method),
        integration: integrationOf(route.function),
        ...(signedIn && { authorizer }),
      });
      if (route.auth !== 'customer' && route.auth !== 'admin') {
        Validations.of(httpRoute).acknowledge({ id: 'AwsSolutions-APIG4', reason: openBecause[route.auth] });
      }
      const { throttle } = route as RouteSpec;
      if (throttle) {
        routeSettings[key] = { ThrottlingRateLimit: throttle.rateLimit, ThrottlingBurstLimit: throttle.burstLimit };
        // API Gateway refuses a stage whose settings name a route that does not exist yet.
        stage.node.addDependency(httpRoute);
      }
    }
    if (Object.keys(routeSettings).length > 0) (stage.node.defaultChild as CfnStage).routeSettings = routeSettings;
    const fallback = new HttpRoute(this, '$default', {
      httpApi: this.httpApi,
      routeKey: HttpRouteKey.DEFAULT,
      integration: integrationOf('catalog'),
    });
    Validations.of(fallback).acknowledge({
      id: 'AwsSolutions-APIG4',
      reason: 'Catches unknown paths and methods only, to answer them with a 404/405 problem; it reads nothing.',
    });
  }

  get url(): string {
    return this.httpApi.apiEndpoint;
  }
}

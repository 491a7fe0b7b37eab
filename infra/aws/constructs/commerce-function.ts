import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import { Architecture, LoggingFormat, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import type { FunctionName, FunctionSpec } from '#wiring';
import { bundling, pdfBundling } from '../bundling';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

export interface CommerceFunctionProps {
  name: FunctionName;
  spec: FunctionSpec;
  environment: Record<string, string>;
}

/**
 * X-Ray active tracing, on with `cdk deploy -c tracing=true`. Off by default: at the default
 * sampling it bills about $4.50 per million orders (18 invocations each), more than all of
 * Lambda's duration; JSON logs carry the correlation id of every request and event either way.
 */
const tracingOf = (scope: Construct) => {
  const asked = scope.node.tryGetContext('tracing') as unknown;
  return asked === true || asked === 'true' ? Tracing.ACTIVE : Tracing.DISABLED;
};

/** One bounded context's function: Node 24 on arm64, bundled by esbuild (no Docker), JSON logs. */
export class CommerceFunction extends NodejsFunction {
  constructor(scope: Construct, id: string, { name, spec, environment }: CommerceFunctionProps) {
    super(scope, id, {
      description: spec.description,
      entry: path.join(root, 'functions', name, 'handler.ts'),
      handler: 'handler',
      projectRoot: root,
      depsLockFilePath: path.join(root, 'package-lock.json'),
      runtime: Runtime.NODEJS_24_X,
      architecture: Architecture.ARM_64,
      memorySize: spec.memoryMB ?? 512,
      timeout: Duration.seconds(spec.timeoutSeconds ?? 10),
      tracing: tracingOf(scope),
      loggingFormat: LoggingFormat.JSON,
      logGroup: new LogGroup(scope, `${id}Logs`, {
        retention: RetentionDays.ONE_MONTH,
        removalPolicy: RemovalPolicy.DESTROY,
      }),
      bundling: spec.pdf ? pdfBundling : bundling,
      environment: {
        POWERTOOLS_SERVICE_NAME: name,
        NODE_OPTIONS: '--enable-source-maps',
        ...environment,
      },
    });
    Validations.of(this).acknowledge({
      id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
      reason: 'Grants only logs:CreateLogGroup/CreateLogStream/PutLogEvents, which every function needs.',
    });
    Validations.of(this).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason: 'X-Ray tracing (xray:PutTraceSegments/PutTelemetryRecords) has no resource-level permissions.',
    });
  }
}

import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { AssetHashType, DockerImage, Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import { Architecture, Code, Function as LambdaFunction, LoggingFormat, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import type { FunctionName, FunctionSpec } from '#wiring';
import { bundleFunction, esbuildOptionsOf, HANDLER } from '../bundling';

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

/**
 * The function's code: `functions/<name>/handler.ts` bundled by esbuild in this process (no
 * Docker), as `bundleFunction` says, hashed by what it outputs. `tryBundle` always bundles or
 * throws, so the image is never pulled; the command is there for CDK's asset cache key, which
 * must differ per entry so that two functions never share a cached asset.
 */
const codeOf = (name: FunctionName, spec: FunctionSpec): Code => {
  const entry = path.join(root, 'functions', name, 'handler.ts');
  return Code.fromAsset(root, {
    assetHashType: AssetHashType.OUTPUT,
    bundling: {
      image: DockerImage.fromRegistry('public.ecr.aws/docker/library/node:24'),
      command: ['esbuild', path.relative(root, entry), JSON.stringify(esbuildOptionsOf(spec))],
      local: {
        tryBundle: (outdir: string) => {
          bundleFunction(entry, outdir, spec);
          return true;
        },
      },
    },
  });
};

/** One bounded context's function: Node 24 on arm64, bundled by esbuild (no Docker), JSON logs. */
export class CommerceFunction extends LambdaFunction {
  constructor(scope: Construct, id: string, { name, spec, environment }: CommerceFunctionProps) {
    super(scope, id, {
      description: spec.description,
      code: codeOf(name, spec),
      handler: HANDLER,
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
      environment: {
        POWERTOOLS_SERVICE_NAME: name,
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

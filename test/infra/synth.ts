import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { addCommerce } from '../../infra/aws/commerce-app';
import { functions } from '#wiring';

export type Resources = Record<string, { Type: string; Properties: Record<string, unknown>; DependsOn?: string | string[] }>;

// The context of cdk.json, as `npx cdk synth` reads it; bundling is skipped here (the stacks
// are the same; `npx cdk synth` and the bench do bundle).
const { context } = JSON.parse(readFileSync(path.join(import.meta.dirname, '../../cdk.json'), 'utf8')) as { context: Record<string, unknown> };

/** A CDK app writing to a fresh temporary folder, with cdk.json's context and no bundling. */
export const newApp = (extraContext: Record<string, unknown> = {}) => {
  const outdir = mkdtempSync(path.join(tmpdir(), 'cdk-out-'));
  return { app: new App({ outdir, context: { ...context, ...extraContext, 'aws:cdk:bundling-stacks': [] } }), outdir };
};

/** Both stacks synthesized (cdk-nag runs: an error throws), their templates and resources. */
export const synthesizeCommerce = () => {
  const { app, outdir } = newApp();
  const stacks = addCommerce(app);
  app.synth();
  const stateless = Template.fromStack(stacks.stateless);
  const stateful = Template.fromStack(stacks.stateful);
  const resources = { ...(stateless.toJSON().Resources as Resources), ...(stateful.toJSON().Resources as Resources) };
  const templateFiles = [stacks.stateful, stacks.stateless].map((stack) => path.join(outdir, stack.templateFile));
  return { stateless, stateful, resources, outdir, templateFiles };
};

/** Finders over the synthesized resources of both stacks. */
export const lookup = (resources: Resources) => {
  const ofType = (type: string) => Object.values(resources).filter((r) => r.Type === type).map((r) => r.Properties);
  const logicalIdOf = (type: string, predicate: (p: Record<string, unknown>) => boolean) =>
    Object.entries(resources).find(([, r]) => r.Type === type && predicate(r.Properties))?.[0];
  const idsStartingWith = (prefix: string, type?: string) =>
    Object.keys(resources).filter((id) => id.startsWith(prefix) && (!type || resources[id]!.Type === type));
  /** The one resource whose logical id starts so; throws (naming the prefix) if there is not exactly one. */
  const idStartingWith = (prefix: string, type?: string) => {
    const ids = idsStartingWith(prefix, type);
    if (ids.length !== 1) throw new Error(`Expected one resource ${prefix}*, found ${ids.length}: ${ids.join(', ')}`);
    return ids[0]!;
  };
  const functionIdOf = (name: keyof typeof functions) =>
    logicalIdOf('AWS::Lambda::Function', (p) => p.Description === functions[name].description)!;
  return {
    ofType,
    logicalIdOf,
    idStartingWith,
    functionIdOf,
    // The construct ids in `Messaging`: `<queue>-queue`, `<queue>-dlq` (CDK drops the dashes).
    queueIdOf: (name: string) => idStartingWith(`Messaging${name.replace(/-/g, '')}queue`, 'AWS::SQS::Queue'),
    dlqIdOf: (name: string) => idStartingWith(`Messaging${name.replace(/-/g, '')}dlq`, 'AWS::SQS::Queue'),
  };
};

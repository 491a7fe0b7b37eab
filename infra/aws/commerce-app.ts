import { Validations, type App } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import * as z from 'zod/mini';
import { StatefulStack } from './stacks/stateful-stack';
import { StatelessStack } from './stacks/stateless-stack';

/** The two stacks with cdk-nag checking them, shared by `cdk synth` (app.ts) and the infra tests. */
export const addCommerce = (app: App) => {
  // cdk-nag 3: the AwsSolutions pack runs as a validation plugin; an error fails the synth.
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  const env = { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION };
  const stateful = new StatefulStack(app, 'CommerceStateful', { env, terminationProtection: true, shopSettings: app.node.tryGetContext('shop') as unknown });
  const stateless = new StatelessStack(app, 'CommerceStateless', {
    env,
    stateful,
    shopEmail: shopEmailOf(app),
  });
  return { stateful, stateless };
};

/**
 * The address emails are sent from and the shop's alerts go to (`-c shopEmail=…`), checked as the
 * notifications function checks it at every cold start: a value it would refuse fails the synth,
 * naming it, rather than deploying a function whose every message ends in its DLQ.
 */
const shopEmailOf = (app: App): string => {
  const value: unknown = app.node.tryGetContext('shopEmail') ?? 'shop@example.com';
  if (typeof value === 'string' && z.email().safeParse(value).success) return value;
  throw new Error(`The context value shopEmail (${JSON.stringify(value)}) is not an email address. Set it to an address SES has verified: npx cdk deploy -c shopEmail=orders@your-shop.example`);
};

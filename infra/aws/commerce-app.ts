import { Validations, type App } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
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
    shopEmail: (app.node.tryGetContext('shopEmail') as string | undefined) ?? 'shop@example.com',
  });
  return { stateful, stateless };
};

import { Validations, type App } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { CommerceStack } from './commerce-stack';

/** The stack with cdk-nag checking it, shared by `cdk synth` (app.ts) and the infra tests. */
export const addCommerce = (app: App): CommerceStack => {
  // cdk-nag 3: the AwsSolutions pack runs as a validation plugin; an error fails the synth.
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return new CommerceStack(app, 'Commerce', {
    shopEmail: (app.node.tryGetContext('shopEmail') as string | undefined) ?? 'shop@example.com',
    env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION },
  });
};

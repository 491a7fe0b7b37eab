import { CfnOutput, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { BlockPublicAccess, Bucket, BucketEncryption } from 'aws-cdk-lib/aws-s3';
import { RemovalPolicy } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { Data } from '../constructs/data';
import { EventSchemas } from '../constructs/event-schemas';
import { ShopSettings } from '../constructs/shop-settings';
import { Identity } from '../constructs/identity';
import { Messaging } from '../constructs/messaging';

/**
 * What holds data or must outlive a deployment: the tables, the bus with its archive, rules and
 * queues (messages in flight), the user pool, the Stripe secret. Deployed rarely; the stateless
 * stack can be replaced at will without touching any of it.
 */
export class StatefulStack extends Stack {
  static readonly domainTableArnExport = 'commerce-domain-table-arn';
  static readonly domainTableStreamArnExport = 'commerce-domain-table-stream-arn';
  static readonly downloadsBucketArnExport = 'commerce-downloads-bucket-arn';
  readonly data: Data;
  readonly messaging: Messaging;
  readonly identity: Identity;
  readonly stripeSecret: Secret;
  readonly signingSecret: Secret;
  readonly downloadsBucket: Bucket;

  constructor(scope: Construct, id: string, props?: StackProps & { shopSettings?: unknown }) {
    super(scope, id, props);
    this.data = new Data(this, 'Data');
    new EventSchemas(this, 'EventSchemas');
    // The shop's settings from the CDK context `shop`, if given: without it, no seller, no invoice.
    if (props?.shopSettings) new ShopSettings(this, 'ShopSettings', { table: this.data.table, settings: props.shopSettings });
    this.messaging = new Messaging(this, 'Messaging');
    this.identity = new Identity(this, 'Identity');
    // Created with a random value; the operator puts {"secretKey":"sk_…","webhookSecret":"whsec_…"} in it.
    this.stripeSecret = new Secret(this, 'StripeKeys', {
      description: 'Stripe API secret key and webhook signing secret, as JSON: {"secretKey","webhookSecret"}',
      // Kept with the table: a redeployed stack finds the keys its operator put there.
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(this.stripeSecret).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason: "Stripe's keys are rolled in Stripe's dashboard, then put here; no rotation Lambda can do that.",
    });

    // The server's own HMAC key (cursors, order tokens): random, never leaves Secrets Manager and
    // the functions granted it. Rotating it invalidates outstanding cursors and order tokens.
    this.signingSecret = new Secret(this, 'SigningKey', {
      description: 'HMAC key that signs pagination cursors and derives order tokens',
      generateSecretString: { passwordLength: 64, excludePunctuation: true },
      // Kept with the table: a new key would void every order token and cursor already handed out.
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(this.signingSecret).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason: 'Rotating it would void every order token customers hold (they are derived from it); rotate by hand with a notice.',
    });

    // The files of digital products, one object per sku, reached only through presigned links.
    this.downloadsBucket = new Bucket(this, 'Downloads', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      versioned: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(this.downloadsBucket).acknowledge({
      id: 'AwsSolutions-S1',
      reason: 'Objects are read only through presigned links the downloads function signs; CloudTrail data events cover access logging where a shop needs it.',
    });

    // Exported under a fixed name: the stateless stack imports the table by it, so the grants
    // on the table and its indexes name a stable value.
    new CfnOutput(this, 'DomainTableArn', { value: this.data.table.tableArn, exportName: StatefulStack.domainTableArnExport });
    new CfnOutput(this, 'DomainTableStreamArn', { value: this.data.table.tableStreamArn!, exportName: StatefulStack.domainTableStreamArnExport });
    new CfnOutput(this, 'UserPoolId', { value: this.identity.userPool.userPoolId });
    new CfnOutput(this, 'UserPoolClientId', { value: this.identity.client.userPoolClientId });
    new CfnOutput(this, 'DownloadsBucketName', { value: this.downloadsBucket.bucketName });
    new CfnOutput(this, 'DownloadsBucketArn', { value: this.downloadsBucket.bucketArn, exportName: StatefulStack.downloadsBucketArnExport });
    new CfnOutput(this, 'StripeSecretArn', { value: this.stripeSecret.secretArn });
    new CfnOutput(this, 'EventBusName', { value: this.messaging.bus.eventBusName });
    new CfnOutput(this, 'AlarmTopicArn', { value: this.messaging.alarmTopic.topicArn });
  }
}

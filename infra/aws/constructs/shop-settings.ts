import { RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { AwsCustomResource, AwsCustomResourcePolicy, PhysicalResourceId } from 'aws-cdk-lib/custom-resources';
import { marshall } from '@aws-sdk/util-dynamodb';
import { Construct } from 'constructs';
import { assertValidSettings, SettingsBodySchema, settingsItem } from '#settings/index';

/**
 * Seeds the shop's settings from the CDK context `shop` (the same document `PUT /admin/settings`
 * takes), checked at synth. Written only if the table has none yet: what the shop's admins set
 * through the API is never overwritten by a later deploy.
 */
export class ShopSettings extends Construct {
  constructor(scope: Construct, id: string, props: { table: ITable; settings: unknown }) {
    super(scope, id);
    const parsed = SettingsBodySchema.safeParse(typeof props.settings === 'string' ? JSON.parse(props.settings) : props.settings);
    if (!parsed.success) {
      throw new Error(`The CDK context "shop" is not a valid settings document: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}.`);
    }
    assertValidSettings(parsed.data);
    const put = {
      service: 'DynamoDB',
      action: 'putItem',
      parameters: {
        TableName: props.table.tableName,
        Item: marshall(settingsItem({ ...parsed.data, updatedAt: new Date(0).toISOString() })),
        ConditionExpression: 'attribute_not_exists(PK)',
      },
      physicalResourceId: PhysicalResourceId.of('shop-settings'),
      ignoreErrorCodesMatching: 'ConditionalCheckFailedException',
    };
    const seed = new AwsCustomResource(this, 'Seed', {
      onCreate: put,
      onUpdate: put,
      policy: AwsCustomResourcePolicy.fromSdkCalls({ resources: [props.table.tableArn] }),
      installLatestAwsSdk: false,
      // Kept as long as the functions' logs, not forever as Lambda's own group would be.
      logGroup: new LogGroup(this, 'SeedLogs', { retention: RetentionDays.ONE_MONTH, removalPolicy: RemovalPolicy.DESTROY }),
    });
    const stack = Stack.of(this);
    Validations.of(stack).acknowledge({
      id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
      reason: "CDK's custom-resource function (seeds the shop's settings once) only writes its logs with it.",
    });
    Validations.of(stack).acknowledge({ id: 'AwsSolutions-L1', reason: "CDK's own custom-resource function, run once at deploy; its runtime is CDK's to choose." });
    void seed;
  }
}

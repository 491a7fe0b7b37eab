import { Duration } from 'aws-cdk-lib';
import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import { Alarm, ComparisonOperator, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';

export interface AlarmsProps {
  /** The operations alarm topic of the stateful stack, where the DLQs' alarms go too. */
  topic: ITopic;
  httpApi: HttpApi;
  /** The function fed by the domain table's stream (the outbox relay). */
  relay: IFunction;
}

/**
 * What fails outside the queues, where no DLQ collects it: the API answering 5xx (a route's
 * function failing, Stripe's webhook included, or Stripe itself silent), and the outbox relay
 * falling behind (failing, it retries the same records, so their age grows). A handful of
 * alarms, not one per function: cheap at rest. Scheduled runs that fail land in an alarmed DLQ
 * (`Messaging`).
 */
export class Alarms extends Construct {
  constructor(scope: Construct, id: string, { topic, httpApi, relay }: AlarmsProps) {
    super(scope, id);
    const action = new SnsAction(topic);
    new Alarm(this, 'api-5xx', {
      alarmDescription: 'The API answered 5xx: a function failed (the Stripe webhook included) or Stripe did not answer; see the access logs and the function logs',
      metric: httpApi.metricServerError({ period: Duration.minutes(5) }),
      // A 500 is a bug and a 503 a dependency down: each is worth a look, and Stripe retries a failed webhook only every few minutes.
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    }).addAlarmAction(action);
    new Alarm(this, 'relay-behind', {
      alarmDescription: 'The outbox relay is 2 minutes or more behind the table: events are late, or it fails on them (its logs say why)',
      metric: relay.metric('IteratorAge', { statistic: 'Maximum', period: Duration.minutes(5) }),
      threshold: Duration.minutes(2).toMilliseconds(),
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    }).addAlarmAction(action);
  }
}

/**
 * List prices used by the cost model, in USD, region us-east-1 (N. Virginia), as read from AWS's
 * pricing pages in 2025: those in effect from 1 November 2024, when DynamoDB's on-demand prices
 * were cut (the latest change among them we know of; Lambda arm64, first tier). The bench does
 * not fetch them, and they have not been checked since: a change after that reading is not here.
 * eu-west-3 (Paris) lists most of these 10-20 % higher. No free tier is counted. Check
 * https://aws.amazon.com/pricing/ before quoting a figure.
 */
export const PRICES = {
  region: 'us-east-1',
  /** The date from which these prices applied (DynamoDB on-demand's cut), and when they were read. */
  effective: '2024-11-01',
  readIn: '2025',
  /** API Gateway HTTP API, per request (first 300 million a month; up to 512 KB each). */
  httpApiRequest: 1.0 / 1e6,
  /** Lambda, per invocation. */
  lambdaRequest: 0.2 / 1e6,
  /** Lambda on arm64 (Graviton), per GB-second (first 7.5 billion GB-s a month). */
  lambdaGbSecond: 0.0000133334,
  /** DynamoDB on-demand, per write request unit (1 KB; a transactional write takes 2). */
  dynamodbWriteUnit: 0.625 / 1e6,
  /** DynamoDB on-demand, per read request unit (4 KB strong; eventual ½; transactional 2). */
  dynamodbReadUnit: 0.125 / 1e6,
  /** DynamoDB Streams read by a Lambda trigger: free (GetRecords from Lambda is not charged). */
  streamReadByLambda: 0,
  /** EventBridge custom events, per event put (64 KB chunks). Delivery to SQS targets is not charged. */
  eventBridgeEvent: 1.0 / 1e6,
  /** SQS standard queue, per request (64 KB chunks): EventBridge's send, Lambda's receive and delete. */
  sqsRequest: 0.4 / 1e6,
  /** X-Ray, per trace recorded (with `-c tracing=true`; default sampling ≈ 5 %). */
  xrayTrace: 5.0 / 1e6,
  xraySampling: 0.05,
  /** SES, per email sent (outside the budget). */
  sesEmail: 0.1 / 1000,
} as const;

/** The budget of issue 15, per million orders, Stripe's fees and SES excluded. */
export const COST_BUDGET = { perMillion: 35, target: 25 } as const;

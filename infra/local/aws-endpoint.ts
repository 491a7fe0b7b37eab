import { appendFileSync, mkdirSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { randomUUID } from 'node:crypto';
import { dirname } from 'node:path';
import type { LocalBus } from './bus';
import { serve, type HeldPort } from './ports';
import { putEvents, type PutEventsFault } from './put-events';

export interface SentEmail {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** The SES email tags `template` and `eventId` the notifications set: which email, about which fact. */
  template: string | undefined;
  eventId: string | undefined;
  from: string;
  replyTo: string | undefined;
  configurationSet: string | undefined;
  sentAt: string;
}

const readBody = (req: IncomingMessage): Promise<string> =>
  new Promise((resolve, reject) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => resolve(body));
    req.on('error', reject);
  });

interface SendEmailRequest {
  FromEmailAddress?: string;
  ReplyToAddresses?: string[];
  ConfigurationSetName?: string;
  Destination?: { ToAddresses?: string[] };
  Content?: { Simple?: { Subject?: { Data?: string }; Body?: { Text?: { Data?: string }; Html?: { Data?: string } } } };
  EmailTags?: { Name?: string; Value?: string }[];
}

/** What SES v2 SendEmail sent, as the outbox keeps it. */
const sentEmail = (request: SendEmailRequest, sentAt: Date): SentEmail => {
  const tag = (name: string) => request.EmailTags?.find((t) => t.Name === name)?.Value;
  return {
    to: request.Destination?.ToAddresses?.join(', ') ?? '',
    subject: request.Content?.Simple?.Subject?.Data ?? '',
    text: request.Content?.Simple?.Body?.Text?.Data ?? '',
    html: request.Content?.Simple?.Body?.Html?.Data ?? '',
    template: tag('template'),
    eventId: tag('eventId'),
    from: request.FromEmailAddress ?? '',
    replyTo: request.ReplyToAddresses?.join(', '),
    configurationSet: request.ConfigurationSetName,
    sentAt: sentAt.toISOString(),
  };
};

export interface AwsEndpointOptions {
  port: number | HeldPort;
  /** The bus PutEvents entries must name to reach the rules (others go to a bus with none). */
  busName?: string;
  outboxFile?: string;
  /** Asked at each PutEvents call: a fault to inject into it (`POST /dev/faults`, chaos), or none. */
  putEventsFault?: () => PutEventsFault | undefined;
  clock?: () => Date;
  /** The SQS calls of the dead-letter API (`AmazonSQS.<Action>`, JSON protocol), served from the local queues. */
  sqs?: (action: string, input: Record<string, unknown>) => unknown;
}

/**
 * The two AWS APIs the functions call besides DynamoDB, on one local port, so that the handlers
 * run unchanged: the SDK is pointed here by `AWS_ENDPOINT_URL_EVENTBRIDGE` / `_SESV2`.
 * - EventBridge PutEvents (JSON 1.1, `X-Amz-Target: AWSEvents.PutEvents`) → the local bus
 *   (`put-events.ts`), with the faults asked for.
 * - SES v2 SendEmail (`POST /v2/email/outbound-emails`) → the outbox (both parts, the sender and
 *   the `template` / `eventId` tags), kept in memory and appended to `.local/outbox.jsonl`.
 */
export const startAwsEndpoint = async (bus: LocalBus, options: AwsEndpointOptions) => {
  const outbox: SentEmail[] = [];
  const { port, close } = await serve(options.port, async (req, res) => {
    const body = await readBody(req);
    const reply = (status: number, payload: unknown, type = 'application/x-amz-json-1.1') => {
      res.writeHead(status, { 'content-type': type });
      res.end(JSON.stringify(payload));
    };
    try {
      if (req.headers['x-amz-target'] === 'AWSEvents.PutEvents') {
        const { status, payload } = putEvents(bus, body, options.putEventsFault?.(), options.busName);
        return reply(status, payload);
      }
      const sqsAction = /^AmazonSQS\.(\w+)$/.exec(String(req.headers['x-amz-target'] ?? ''))?.[1];
      if (sqsAction && options.sqs) {
        try {
          return reply(200, options.sqs(sqsAction, JSON.parse(body || '{}') as Record<string, unknown>), 'application/x-amz-json-1.0');
        } catch (error) {
          const code = (error as { code?: string }).code ?? 'InvalidParameterValue';
          return reply(400, { __type: code, message: (error as Error).message }, 'application/x-amz-json-1.0');
        }
      }
      if (req.method === 'POST' && req.url === '/v2/email/outbound-emails') {
        const email = sentEmail(JSON.parse(body) as SendEmailRequest, options.clock?.() ?? new Date());
        outbox.push(email);
        if (options.outboxFile) {
          mkdirSync(dirname(options.outboxFile), { recursive: true });
          appendFileSync(options.outboxFile, `${JSON.stringify(email)}\n`);
        }
        return reply(200, { MessageId: randomUUID() }, 'application/json');
      }
      reply(400, { __type: 'UnknownOperationException', message: `The local AWS endpoint does not implement ${req.method} ${req.url}` });
    } catch (error) {
      reply(400, { __type: 'ValidationException', message: (error as Error).message });
    }
  }, 'the local AWS endpoints');
  return {
    url: `http://127.0.0.1:${port}`,
    outbox,
    close,
  };
};

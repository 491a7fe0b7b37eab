import { appendFileSync, mkdirSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { randomUUID } from 'node:crypto';
import { dirname } from 'node:path';
import type { LocalBus } from './bus';

export interface SentEmail {
  to: string;
  subject: string;
  text: string;
  from: string;
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

interface PutEventsEntry {
  Source?: string;
  DetailType?: string;
  Detail?: string;
  Time?: number | string;
}

interface SendEmailRequest {
  FromEmailAddress?: string;
  Destination?: { ToAddresses?: string[] };
  Content?: { Simple?: { Subject?: { Data?: string }; Body?: { Text?: { Data?: string } } } };
}

/**
 * The two AWS APIs the functions call besides DynamoDB, on one local port, so that the handlers
 * run unchanged: the SDK is pointed here by `AWS_ENDPOINT_URL_EVENTBRIDGE` / `_SESV2`.
 * - EventBridge PutEvents (JSON 1.1, `X-Amz-Target: AWSEvents.PutEvents`) → the local bus.
 * - SES v2 SendEmail (`POST /v2/email/outbound-emails`) → the outbox, kept in memory and
 *   appended to `.local/outbox.jsonl`.
 */
export const startAwsEndpoint = async (bus: LocalBus, options: { port: number; outboxFile?: string }) => {
  const outbox: SentEmail[] = [];
  const server: Server = createServer(async (req, res) => {
    const body = await readBody(req);
    const reply = (status: number, payload: unknown, type = 'application/x-amz-json-1.1') => {
      res.writeHead(status, { 'content-type': type });
      res.end(JSON.stringify(payload));
    };
    try {
      if (req.headers['x-amz-target'] === 'AWSEvents.PutEvents') {
        const { Entries = [] } = JSON.parse(body) as { Entries?: PutEventsEntry[] };
        const results = Entries.map((entry) => {
          if (!entry.Source || !entry.DetailType || !entry.Detail) {
            return { ErrorCode: 'InvalidArgument', ErrorMessage: 'Source, DetailType and Detail are required' };
          }
          const time = entry.Time === undefined ? undefined : new Date(typeof entry.Time === 'number' ? entry.Time * 1000 : entry.Time);
          return { EventId: bus.put({ source: entry.Source, detailType: entry.DetailType, detail: JSON.parse(entry.Detail), time }) };
        });
        return reply(200, { FailedEntryCount: results.filter((r) => 'ErrorCode' in r).length, Entries: results });
      }
      if (req.method === 'POST' && req.url === '/v2/email/outbound-emails') {
        const request = JSON.parse(body) as SendEmailRequest;
        const email: SentEmail = {
          to: request.Destination?.ToAddresses?.join(', ') ?? '',
          subject: request.Content?.Simple?.Subject?.Data ?? '',
          text: request.Content?.Simple?.Body?.Text?.Data ?? '',
          from: request.FromEmailAddress ?? '',
          sentAt: new Date().toISOString(),
        };
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
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as { port: number }).port;
  return {
    url: `http://127.0.0.1:${port}`,
    outbox,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
};

import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleFunction, loadedAtStart } from '../../infra/aws/bundling';

/**
 * The AWS SDK's operation schemas as bundled (`infra/aws/esbuild-worker.mjs` writes their computed
 * keys as literals): SESv2 keeps SendEmail and leaves its other operations out, and the bundled
 * client still sends SendEmail as SES expects it.
 */
describe("the AWS SDK's operation schemas, tree-shaken", () => {
  const outdir = mkdtempSync(path.join(os.tmpdir(), 'sdk-schemas-'));
  let code: string;
  let received: { method?: string; url?: string; body: Record<string, unknown> } | undefined;
  let stdout = '';

  beforeAll(async () => {
    const metafile = bundleFunction(path.resolve(import.meta.dirname, '../fixtures/bundled/send-email.ts'), outdir, {});
    code = loadedAtStart(metafile, outdir).map((file) => readFileSync(file, 'utf8')).join('\n');
    const server = createServer((request: IncomingMessage, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        received = { method: request.method, url: request.url, body: JSON.parse(body) as Record<string, unknown> };
        response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ MessageId: 'message-1' }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const env = {
      PATH: process.env.PATH ?? '',
      AWS_REGION: 'eu-west-3',
      AWS_ACCESS_KEY_ID: 'test',
      AWS_SECRET_ACCESS_KEY: 'test',
      AWS_ENDPOINT_URL_SESV2: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    };
    const child = spawn(process.execPath, [path.join(outdir, 'index.mjs')], { env });
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    await new Promise((resolve) => child.on('close', resolve));
    server.close();
  }, 60_000);
  afterAll(() => rmSync(outdir, { recursive: true, force: true }));

  it("keeps SendEmail's schema and leaves the other SES operations out", () => {
    expect(code).toContain('/v2/email/outbound-emails');
    for (const unused of ['/v2/email/contact-lists', 'CreateContactListRequest', 'PutAccountDetails', 'BatchGetMetricData']) expect(code).not.toContain(unused);
  });

  it('sends SendEmail as SES expects it', () => {
    expect(stdout).toBe('sent');
    expect(received).toMatchObject({ method: 'POST', url: '/v2/email/outbound-emails' });
    expect(received?.body).toEqual({
      FromEmailAddress: 'shop@example.com',
      ReplyToAddresses: ['help@example.com'],
      ConfigurationSetName: 'commerce',
      Destination: { ToAddresses: ['client@example.com'] },
      Content: {
        Simple: {
          Subject: { Data: 'Votre commande', Charset: 'UTF-8' },
          Body: { Text: { Data: 'Merci', Charset: 'UTF-8' }, Html: { Data: '<p>Merci</p>', Charset: 'UTF-8' } },
        },
      },
      EmailTags: [
        { Name: 'template', Value: 'order-confirmation' },
        { Name: 'eventId', Value: 'evt-1' },
      ],
    });
  });
});

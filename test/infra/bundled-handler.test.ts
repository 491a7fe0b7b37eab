import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleFunction } from '../../infra/aws/bundling';
import { ReadableStream as OnDemand } from '#runtime/web-streams-on-demand';
import { functions, type FunctionSpec } from '#wiring';
import { httpEvent } from '../fixtures/http-event';

/**
 * The catalog function bundled exactly as deployed, run in a plain Node process with its Lambda
 * environment: its middy chain answers, though `node:stream/web` is the stand-in of
 * `web-streams-on-demand.ts`, and Node's web streams are never loaded.
 */
describe('a deployed bundle, run as Lambda runs it', () => {
  const outdir = mkdtempSync(path.join(os.tmpdir(), 'bundled-handler-'));
  let answer: { statusCode: number; body: string; headers: Record<string, string>; webStreamsLoaded: string[] };

  beforeAll(() => {
    const metafile = bundleFunction(path.resolve(import.meta.dirname, '../../functions/catalog/handler.ts'), outdir, functions.catalog as FunctionSpec);
    const imports = Object.values(metafile.outputs).flatMap((output) => output.imports.map((i) => i.path));
    expect(imports).toContain('node:stream');
    expect(imports).not.toContain('node:stream/web');
    const event = JSON.stringify(httpEvent('GET', '/health'));
    const script = `const { handler } = await import('./index.mjs');
const response = await handler(${event}, { functionName: 'catalog', awsRequestId: 'r-1', getRemainingTimeInMillis: () => 3000 });
console.log(JSON.stringify({ ...response, webStreamsLoaded: process.moduleLoadList.filter((m) => /webstreams\\/(readable|writable)stream|stream\\/web/.test(m)) }));`;
    const env = { PATH: process.env.PATH ?? '', AWS_REGION: 'eu-west-3', TABLE_NAME: 'unused', SIGNING_SECRET: 'bundled-handler-test-0123456789', AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', POWERTOOLS_LOG_LEVEL: 'SILENT' };
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: outdir, encoding: 'utf8', env });
    expect(run.stderr).toBe('');
    answer = JSON.parse(run.stdout.trim().split('\n').at(-1)!) as typeof answer;
  }, 60_000);
  afterAll(() => rmSync(outdir, { recursive: true, force: true }));

  it('answers through its middy chain, with the headers every response carries', () => {
    expect(answer.statusCode).toBe(200);
    expect(JSON.parse(answer.body)).toEqual({ status: 'ok' });
    expect(answer.headers['x-content-type-options']).toBe('nosniff');
  });

  it("never loads Node's web streams, which middy imports for a response streaming no function uses", () => {
    expect(answer.webStreamsLoaded).toEqual([]);
  });
});

describe("the stand-in for node:stream/web's ReadableStream", () => {
  it('tells a web stream from anything else, as the class does', () => {
    expect(new globalThis.ReadableStream() instanceof (OnDemand as unknown as typeof globalThis.ReadableStream)).toBe(true);
    expect({ _readableState: {} } instanceof (OnDemand as unknown as typeof globalThis.ReadableStream)).toBe(false);
    expect([] instanceof (OnDemand as unknown as typeof globalThis.ReadableStream)).toBe(false);
  });
});

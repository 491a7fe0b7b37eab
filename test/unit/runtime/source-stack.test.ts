import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleFunction } from '../../../infra/aws/bundling';
import { sourceStack, withSourceStack } from '#runtime/source-stack';

/**
 * The functions run without `--enable-source-maps`; the errors they log are mapped back to the
 * sources from the maps shipped beside the chunks. Bundled here exactly as deployed, and run in
 * a plain Node process (vitest would map the stack itself).
 */
describe('stacks of bundled code, mapped to the sources', () => {
  const outdir = mkdtempSync(path.join(os.tmpdir(), 'source-stack-'));
  let failure: Error;

  beforeAll(() => {
    bundleFunction(path.resolve(import.meta.dirname, '../../fixtures/bundled/failing-handler.ts'), outdir, {});
    const script = `import('./index.mjs').then((m) => m.handler(5)).catch((e) => console.log(JSON.stringify({ message: e.message, stack: e.stack, cause: e.cause.stack })))`;
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: outdir, encoding: 'utf8', env: { PATH: process.env.PATH } });
    const thrown = JSON.parse(run.stdout) as { message: string; stack: string; cause: string };
    failure = Object.assign(new Error(thrown.message, { cause: Object.assign(new Error('issuer unavailable'), { stack: thrown.cause }) }), { stack: thrown.stack });
  });
  afterAll(() => rmSync(outdir, { recursive: true, force: true }));

  it('names the TypeScript file and line where the error was thrown, not the minified bundle', () => {
    expect(failure.stack).toContain('index.mjs:');
    const mapped = sourceStack(failure.stack!);
    expect(mapped).toContain('test/fixtures/bundled/failing-handler.ts:3:');
    expect(mapped).not.toContain('index.mjs:');
  });

  it('maps the cause too, and keeps the message', () => {
    const error = withSourceStack(failure);
    expect(error.message).toBe('card declined');
    expect((error.cause as Error).stack).toContain('test/fixtures/bundled/failing-handler.ts:3:');
  });

  it('leaves frames with no map beside their file as they are', () => {
    const stack = 'Error: boom\n    at run (/nowhere/index.mjs:1:10)\n    at node:internal/process/task_queues:95:5';
    expect(sourceStack(stack)).toBe(stack);
  });
});

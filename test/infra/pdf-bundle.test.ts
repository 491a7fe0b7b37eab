import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { extractText, getDocumentProxy } from 'unpdf';
import { afterAll, describe, expect, it } from 'vitest';
import { bundleFunction } from '../../infra/aws/bundling';

/**
 * The PDF functions' assets, as `bundleFunction` deploys them: pdfkit left out of the bundle and
 * bundled beside it with the two fonts it loads by `createRequire` (foliojs/pdfkit#1801). Only
 * a deployment would show a broken one, so it is printed here in a plain Node process.
 */
describe('a PDF function as deployed', () => {
  const outdir = mkdtempSync(path.join(os.tmpdir(), 'pdf-bundle-'));
  afterAll(() => rmSync(outdir, { recursive: true, force: true }));

  it('prints an invoice with the pdfkit and fonts shipped beside its bundle, and nothing of pdfkit inside it', async () => {
    const metafile = bundleFunction(path.resolve(import.meta.dirname, '../fixtures/bundled/print-invoice.ts'), outdir, { pdf: true });
    const bundled = Object.values(metafile.outputs).flatMap((output) => Object.keys(output.inputs));
    expect(bundled.filter((file) => file.includes('node_modules/pdfkit/'))).toEqual([]);
    expect(existsSync(path.join(outdir, 'node_modules', 'pdfkit', 'standard-fonts', 'Helvetica.cjs'))).toBe(true);

    const run = spawnSync(process.execPath, ['index.mjs'], { cwd: outdir, encoding: 'utf8', env: { PATH: process.env.PATH, TZ: 'UTC' } });
    expect(run.stderr).toBe('');
    const printed = JSON.parse(run.stdout) as { bytes: number; header: string; base64: string };
    expect(printed.header).toBe('%PDF-');
    expect(printed.bytes).toBeGreaterThan(2_000);
    // In the fonts copied beside the bundle, the buyer's name as written.
    expect(existsSync(path.join(outdir, 'fonts', 'Roboto-Regular.woff'))).toBe(true);
    const text = (await extractText(await getDocumentProxy(new Uint8Array(Buffer.from(printed.base64, 'base64'))), { mergePages: true })).text;
    expect(text).toContain('Łucja Wąsik');
    expect(text).toContain('Łódź');
  });
});

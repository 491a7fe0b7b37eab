import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { synthesizeCommerce } from './synth';

/** One finding of `cfn-lint --format json` (a configuration error has no file nor path). */
interface Finding {
  Level: 'Error' | 'Warning' | 'Informational';
  Rule: { Id: string };
  Message: string;
  Filename: string | null;
  Location: { Path: (string | number)[] | null };
}

// cfn-lint checks each template against CloudFormation's resource specification (properties,
// types, values, references), which cdk-nag does not: cdk-nag judges security, cfn-lint validity.
// Checked for the region the stacks deploy to: some regions lack a service we use.
const region = process.env.CDK_DEFAULT_REGION ?? process.env.AWS_REGION ?? 'eu-west-3';

/** The errors cfn-lint reports on these templates, one line each; warnings are not failures. */
const lintErrors = (files: readonly string[]): string[] => {
  const run = spawnSync('cfn-lint', ['--format', 'json', '--regions', region, '--', ...files], { encoding: 'utf8', timeout: 120_000 });
  if ((run.error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT') {
    throw new Error('cfn-lint is not on the PATH: install it (pip install cfn-lint) to check the CloudFormation templates; CI machines have it.');
  }
  // Its exit status sums 2 (errors), 4 (warnings) and 8 (informational); any other bit is a crash.
  if (run.status === null || (run.status & ~(2 | 4 | 8)) !== 0) throw new Error(`cfn-lint did not run to the end (${run.status}): ${run.stderr}`);
  return (JSON.parse(run.stdout || '[]') as Finding[])
    .filter((f) => f.Level === 'Error')
    .map((f) => `${f.Rule.Id} ${path.basename(f.Filename ?? '')} ${(f.Location.Path ?? []).join('/')}: ${f.Message}`);
};

let templateFiles: string[];

beforeAll(() => {
  ({ templateFiles } = synthesizeCommerce());
}, 60_000);

describe('cfn-lint', () => {
  it('reports no error on either synthesized template', () => {
    expect(templateFiles).toHaveLength(2);
    expect(lintErrors(templateFiles)).toEqual([]);
  }, 180_000);

  it('is really checking: a template with a wrong property type is an error', () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'cfn-lint-')), 'broken.template.json');
    writeFileSync(file, JSON.stringify({ Resources: { Queue: { Type: 'AWS::SQS::Queue', Properties: { VisibilityTimeout: 'soon' } } } }));
    expect(lintErrors([file])).toEqual([expect.stringMatching(/^E\d+ broken\.template\.json Resources\/Queue\/Properties\/VisibilityTimeout: /)]);
  }, 180_000);
});

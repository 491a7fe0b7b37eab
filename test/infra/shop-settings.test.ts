import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { addCommerce } from '../../infra/aws/commerce-app';
import { aShop } from '../fixtures/settings';
import { newApp } from './synth';

describe("the shop's settings seeded at deploy from the CDK context `shop`", () => {
  it('writes the checked document once, never over what admins set, logs a month, and cdk-nag stays clean', () => {
    const { app, outdir } = newApp();
    app.node.setContext('shop', aShop());
    const stacks = addCommerce(app);
    app.synth();
    const resources = Template.fromStack(stacks.stateful).toJSON().Resources as Record<string, { Type: string; Properties: Record<string, unknown> & { Create?: string } }>;
    const seed = Object.values(resources).find((r) => r.Type === 'Custom::AWS');
    const create = JSON.stringify(seed?.Properties.Create ?? '');
    expect(create).toContain('putItem');
    expect(create).toContain('attribute_not_exists(PK)');
    expect(create).toContain('Atelier Lumière');
    // CDK's function that writes it logs to a group kept a month, as the functions' are, not forever.
    const seedLogs = Object.entries(resources).find(([id, r]) => r.Type === 'AWS::Logs::LogGroup' && id.startsWith('ShopSettingsSeedLogs'));
    expect(seedLogs?.[1].Properties.RetentionInDays).toBe(30);
    const stackFunctions = Object.values(resources).filter((r) => r.Type === 'AWS::Lambda::Function');
    expect(stackFunctions.map((fn) => fn.Properties.LoggingConfig)).toEqual([{ LogGroup: { Ref: seedLogs?.[0] } }]);
    const report = JSON.parse(readFileSync(path.join(outdir, 'validation-report.json'), 'utf8')) as { pluginReports: { violations: unknown[] }[] };
    expect(report.pluginReports.flatMap((r) => r.violations)).toEqual([]);
  }, 60_000);

  it('refuses at synth a document that is not valid, naming the field', () => {
    const { app } = newApp();
    app.node.setContext('shop', { ...aShop(), seller: { ...aShop().seller!, siren: '123456789' } });
    expect(() => addCommerce(app)).toThrow(/seller\.siren/);
    const other = newApp().app;
    other.node.setContext('shop', { ...aShop(), currency: 'XYZ' });
    expect(() => addCommerce(other)).toThrow(/currency/);
  });

  it("refuses at synth a shopEmail the notifications function would refuse at every cold start, naming it", () => {
    for (const shopEmail of ['not-an-email', '', 42]) expect(() => addCommerce(newApp({ shopEmail }).app)).toThrow(/shopEmail/);
    expect(() => addCommerce(newApp({ shopEmail: 'orders@atelier-lumiere.fr' }).app)).not.toThrow();
  });

  it('seeds nothing without the context: no seller, no invoice until an admin sets one', () => {
    const { app } = newApp();
    const stacks = addCommerce(app);
    expect(Object.values(Template.fromStack(stacks.stateful).toJSON().Resources as Record<string, { Type: string }>).some((r) => r.Type === 'Custom::AWS')).toBe(false);
  });
});

describe('the event schemas, where consumers look', () => {
  it('publishes one draft-04 schema per event to the registry commerce-events', async () => {
    const { eventContracts } = await import('#wiring');
    const { app } = newApp();
    const stacks = addCommerce(app);
    const resources = Object.values(Template.fromStack(stacks.stateful).toJSON().Resources as Record<string, { Type: string; Properties: Record<string, string> }>);
    expect(resources.filter((r) => r.Type === 'AWS::EventSchemas::Registry').map((r) => r.Properties.RegistryName)).toEqual(['commerce-events']);
    const schemas = resources.filter((r) => r.Type === 'AWS::EventSchemas::Schema');
    expect(schemas.map((r) => r.Properties.SchemaName).sort()).toEqual(eventContracts.map((c) => `${c.source}@${c.name}`).sort());
    for (const schema of schemas) {
      expect(schema.Properties.Type).toBe('JSONSchemaDraft4');
      expect(JSON.parse(schema.Properties.Content!)).toMatchObject({ $schema: 'http://json-schema.org/draft-04/schema#' });
    }
  });
});

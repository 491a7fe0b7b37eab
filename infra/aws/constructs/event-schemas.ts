import { CfnRegistry, CfnSchema } from 'aws-cdk-lib/aws-eventschemas';
import { Construct } from 'constructs';
import { eventJsonSchema } from '#runtime/event-catalog';
import { eventContracts } from '#wiring';

/**
 * Every event's schema in the EventBridge Schema Registry `commerce-events`, as draft-04 JSON
 * Schema generated from the same zod contracts that validate the events: another team finds
 * them where consumers look, and downloads code bindings from there.
 */
export class EventSchemas extends Construct {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    const registry = new CfnRegistry(this, 'Registry', {
      registryName: 'commerce-events',
      description: 'The facts the commerce backend publishes on its bus, one schema per detail-type',
    });
    // `registryName` is read from the registry (a GetAtt), which already orders the two.
    for (const contract of eventContracts) {
      new CfnSchema(this, `${contract.name}Schema`, {
        registryName: registry.attrRegistryName,
        schemaName: `${contract.source}@${contract.name}`,
        type: 'JSONSchemaDraft4',
        description: contract.description,
        content: JSON.stringify(eventJsonSchema(contract)),
      });
    }
  }
}

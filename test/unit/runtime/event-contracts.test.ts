import * as z from 'zod/mini';
import { describe, expect, it } from 'vitest';
import { defineEvent } from '#kernel/events';
import { OrderCancelled, OrderPlaced } from '#ordering/contracts/events';

describe('an event contract', () => {
  it('builds its schema when first read, once, and not when defined', () => {
    // Prepare
    let builds = 0;
    const contract = defineEvent({
      name: 'TestBuilt',
      source: 'commerce.test',
      version: 1,
      description: 'test',
      schema: () => (builds++, z.object({ id: z.string() })),
    });

    // Act + Assess
    expect(builds).toBe(0);
    expect(contract.schema.parse({ id: 'a' })).toEqual({ id: 'a' });
    expect(contract.schema).toBe(contract.schema);
    expect(builds).toBe(1);
    expect({ ...contract, schema: undefined }).toEqual({ name: 'TestBuilt', source: 'commerce.test', version: 1, description: 'test', schema: undefined });
  });

  it('builds the order snapshot once for every contract that carries it', () => {
    const orderOf = (contract: { schema: unknown }) => (contract.schema as z.ZodMiniObject)._zod.def.shape.order;
    expect(orderOf(OrderPlaced)).toBeInstanceOf(z.ZodMiniObject);
    expect(orderOf(OrderPlaced)).toBe(orderOf(OrderCancelled));
  });
});

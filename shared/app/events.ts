import type * as z from 'zod';
import type { EventContract } from '#contracts/events/index';
import type { OutgoingEvent } from '#domain/ports';

/** A typed event: the compiler checks `data` against the contract's schema. */
export const eventOf = <C extends EventContract>(contract: C, data: z.input<C['schema']>): OutgoingEvent => ({
  name: contract.name,
  data,
});

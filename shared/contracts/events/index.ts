import type * as z from 'zod';
import type { EventContract } from './define';
import { OrderCancelled } from './order-cancelled';
import { OrderPaid } from './order-paid';
import { OrderPlaced } from './order-placed';
import {
  PaymentCanceled,
  PaymentFailed,
  PaymentNeedsReview,
  PaymentRefundedLate,
  PaymentRequiresAction,
  PaymentSucceeded,
} from './payment-events';
import { ProductUpdated } from './product-updated';
import { StockChanged } from './stock-changed';

export { BusEventSchema, detailSchema, type BusEvent, type EventContract, type EventMetadata } from './define';
export {
  OrderCancelled,
  OrderPaid,
  OrderPlaced,
  PaymentCanceled,
  PaymentFailed,
  PaymentNeedsReview,
  PaymentRefundedLate,
  PaymentRequiresAction,
  PaymentSucceeded,
  ProductUpdated,
  StockChanged,
};

/** Every event the system publishes; the event catalog and the consumers read this list. */
export const eventContracts = [
  ProductUpdated,
  StockChanged,
  OrderPlaced,
  OrderCancelled,
  OrderPaid,
  PaymentSucceeded,
  PaymentFailed,
  PaymentRequiresAction,
  PaymentCanceled,
  PaymentRefundedLate,
  PaymentNeedsReview,
] as const satisfies readonly EventContract[];

export type EventName = (typeof eventContracts)[number]['name'];
export type EventData<C extends EventContract> = z.infer<C['schema']>;

export const contractFor = (name: string): EventContract | undefined => eventContracts.find((c) => c.name === name);

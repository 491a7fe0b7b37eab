import { OrderSchema, RefundSchema, ReturnSchema } from '#ordering/contracts/http';
import { OrderIdParamsSchema } from '#ordering/contracts/params';
import { RefundStatusReported } from '#payments/contracts/events';
import type { ContextWiring } from '#runtime/wiring-spec';
import { returnsFunctions } from './functions';
import { CreditNoteIssued, RefundFailed, RefundIssued, RefundOverdue, ReturnApproved, ReturnReceived, ReturnRejected, ReturnRequested } from './contracts/events';
import {
  CreateReturnBodySchema,
  CreditNoteFileParamsSchema,
  CreditNoteListSchema,
  ReceiveReturnBodySchema,
  RefundBodySchema,
  RejectReturnBodySchema,
  ReturnIdParamsSchema,
} from './contracts/http';

/** After-sales: returns (RMA), refunds through Stripe, cancellations, credit notes, refund deadlines. */
export const returnsWiring = {
  functions: returnsFunctions,
  routes: {
    'POST /orders/{orderId}/returns': {
      function: 'returns',
      auth: 'order',
      summary: 'Ask to return shipped or delivered goods, within the return window',
      params: OrderIdParamsSchema,
      body: CreateReturnBodySchema,
      response: { status: 201, schema: ReturnSchema },
    },
    'POST /admin/returns/{returnId}/approve': {
      function: 'returns',
      auth: 'admin',
      summary: 'Accept a return: the customer is emailed how to send the goods back',
      params: ReturnIdParamsSchema,
      response: { status: 200, schema: ReturnSchema },
    },
    'POST /admin/returns/{returnId}/reject': {
      function: 'returns',
      auth: 'admin',
      summary: 'Refuse a return, with the reason',
      params: ReturnIdParamsSchema,
      body: RejectReturnBodySchema,
      response: { status: 200, schema: ReturnSchema },
    },
    'POST /admin/returns/{returnId}/receive': {
      function: 'returns',
      auth: 'admin',
      summary: 'Record what came back: undamaged units are restocked, received ones refunded',
      params: ReturnIdParamsSchema,
      body: ReceiveReturnBodySchema,
      response: { status: 200, schema: ReturnSchema },
    },
    'POST /admin/orders/{orderId}/refunds': {
      function: 'refunds',
      auth: 'admin',
      summary: 'Refund an amount (none: what is left), never more than what is left; retried safely with its Idempotency-Key',
      params: OrderIdParamsSchema,
      body: RefundBodySchema,
      idempotent: true,
      response: { status: 201, schema: RefundSchema },
    },
    'POST /admin/orders/{orderId}/cancel': {
      function: 'refunds',
      auth: 'admin',
      summary: 'Cancel an order: unpaid, its PaymentIntent is cancelled; paid, what is not shipped is refunded and restocked',
      params: OrderIdParamsSchema,
      response: { status: 200, schema: OrderSchema },
    },
    'GET /orders/{orderId}/credit-notes': {
      function: 'credit-notes',
      auth: 'order',
      summary: 'The credit notes issued for the refunds of an order',
      params: OrderIdParamsSchema,
      response: { status: 200, schema: CreditNoteListSchema },
    },
    'GET /orders/{orderId}/credit-notes/{file}': {
      function: 'credit-notes',
      auth: 'order',
      summary: 'One credit note as a PDF: /orders/{orderId}/credit-notes/A2026-000001.pdf',
      params: CreditNoteFileParamsSchema,
      tokenInQuery: true,
      response: { status: 200, contentType: 'application/pdf' },
    },
  },
  queues: {
    'refund-settlement': {
      worker: 'refund-settlement',
      description: 'What Stripe reports about refunds, to settle them',
      consumes: [RefundStatusReported],
      visibilityTimeoutSeconds: 60,
      maxReceiveCount: 5,
      batchSize: 10,
      maxBatchingWindowSeconds: 0,
    },
  },
  schedules: {
    'refund-deadlines': {
      description: 'Report withdrawals not refunded by their legal deadline (once each)',
      expression: 'rate(1 hour)',
      function: 'refund-deadlines',
    },
  },
  events: [ReturnRequested, ReturnApproved, ReturnRejected, ReturnReceived, RefundIssued, RefundFailed, RefundOverdue, CreditNoteIssued],
} as const satisfies ContextWiring;

import { OrderSchema, RefundSchema, ReturnSchema } from '#ordering/contracts/http';
import { OrderIdParamsSchema } from '#ordering/contracts/params';
import { CreateReturnBodySchema, CreditNoteFileParamsSchema, CreditNoteNumberParamsSchema, CreditNoteListSchema, ReceiveReturnBodySchema, RefundBodySchema, RejectReturnBodySchema, ReturnIdParamsSchema } from './contracts/http';
import { NoBodySchema } from '#kernel/schemas';
import type { RouteSpec } from '#runtime/wiring-spec';

/**
 * The returns context's HTTP routes, one group per function. A function's handler imports its own
 * group only: so its bundle holds, and its cold start builds, the schemas of its routes and no other.
 */

export const returnsRoutes = {
  'POST /orders/{orderId}/returns': {
    function: 'returns',
    auth: 'order',
    summary: 'Ask to return shipped or delivered goods, within the return window; retried safely with an Idempotency-Key',
    params: OrderIdParamsSchema,
    body: CreateReturnBodySchema,
    idempotent: 'optional',
    response: { status: 201, schema: ReturnSchema },
  },
} as const satisfies Record<string, RouteSpec>;

/** The shop's decisions on returns: apart from the customer's route, so that a public function holds no Stripe key and writes no stock. */
export const returnDecisionRoutes = {
  'POST /admin/returns/{returnId}/approve': {
    function: 'returns-admin',
    auth: 'admin',
    summary: 'Accept a return: the customer is emailed how to send the goods back',
    params: ReturnIdParamsSchema,
    body: NoBodySchema,
    response: { status: 200, schema: ReturnSchema },
  },
  'POST /admin/returns/{returnId}/reject': {
    function: 'returns-admin',
    auth: 'admin',
    summary: 'Refuse a return, with the reason',
    params: ReturnIdParamsSchema,
    body: RejectReturnBodySchema,
    response: { status: 200, schema: ReturnSchema },
  },
  'POST /admin/returns/{returnId}/receive': {
    function: 'returns-admin',
    auth: 'admin',
    summary: 'Record what came back: undamaged units are restocked, received ones refunded',
    params: ReturnIdParamsSchema,
    body: ReceiveReturnBodySchema,
    response: { status: 200, schema: ReturnSchema },
  },
} as const satisfies Record<string, RouteSpec>;

export const refundsRoutes = {
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
    summary: 'Cancel an order: unpaid, its PaymentIntent is cancelled; paid and unshipped, it is void: refunded in full and restocked; partly shipped, what is not shipped is refunded and restocked',
    params: OrderIdParamsSchema,
    body: NoBodySchema,
    response: { status: 200, schema: OrderSchema },
  },
} as const satisfies Record<string, RouteSpec>;

export const creditNotesRoutes = {
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
    documented: { path: '/orders/{orderId}/credit-notes/{number}.pdf', params: CreditNoteNumberParamsSchema },
    tokenInQuery: true,
    response: { status: 200, contentType: 'application/pdf' },
  },
} as const satisfies Record<string, RouteSpec>;

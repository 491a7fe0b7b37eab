import { ExternalRefundReported, RefundStatusReported } from '#payments/contracts/events';
import type { ContextWiring } from '#runtime/wiring-spec';
import { returnsFunctions } from './functions';
import { CreditNoteCancelled, CreditNoteIssued, RefundFailed, RefundIssued, RefundOverdue, ReturnApproved, ReturnReceived, ReturnRejected, ReturnRequested } from './contracts/events';
import { returnsRoutes, returnDecisionRoutes, refundsRoutes, creditNotesRoutes } from './routes';

/** After-sales: returns (RMA), refunds through Stripe, cancellations, credit notes, refund deadlines. */
export const returnsWiring = {
  functions: returnsFunctions,
  routes: { ...returnsRoutes, ...returnDecisionRoutes, ...refundsRoutes, ...creditNotesRoutes },
  queues: {
    'refund-settlement': {
      worker: 'refund-settlement',
      description: 'What Stripe reports about refunds, to settle them (and record those made in Stripe)',
      consumes: [RefundStatusReported, ExternalRefundReported],
      // Six times the worker's timeout, as AWS advises for a queue feeding Lambda.
      visibilityTimeoutSeconds: 180,
      maxReceiveCount: 5,
      batchSize: 10,
      maxBatchingWindowSeconds: 0,
    },
  },
  schedules: {
    'refund-deadlines': {
      description: 'Report withdrawals not refunded by their legal deadline (once each); ask Stripe again for refunds it never answered',
      // Every 5 minutes: a refund Stripe never answered waits no longer than that to be asked again.
      expression: 'rate(5 minutes)',
      function: 'refund-deadlines',
    },
  },
  events: [ReturnRequested, ReturnApproved, ReturnRejected, ReturnReceived, RefundIssued, RefundFailed, RefundOverdue, CreditNoteIssued, CreditNoteCancelled],
} as const satisfies ContextWiring;

import type { FunctionSpec } from '#runtime/wiring-spec';

/**
 * The notifications context's Lambda functions: what each may touch (grants, table keys), its size. Apart from
 * wiring.ts, whose routes hold the HTTP schemas: a function reads its configuration from here
 * without building the schemas of every route of its context.
 */
export const notificationsFunctions = {
  notifications: {
    kind: 'worker',
    description: 'Emails customers about their orders and returns, and the shop about its stock and refunds, each email once per fact',
    // The signing key makes the invoice link's order token; `downloads:sign` the download links.
    grants: ['table:read', 'table:write', 'email:send', 'signing:secret', 'downloads:sign'],
    // Below the lease on an email (`LEASE_SECONDS`, 60 s): a copy stopped by its timeout has let go before another takes over.
    timeoutSeconds: 30,
    // Events carry the order: only the memory of sent emails, and the settings (sender, links).
    tableKeys: { write: ['EMAIL#*'], query: { table: ['SETTINGS'] } },
  },
} as const satisfies Record<string, FunctionSpec>;

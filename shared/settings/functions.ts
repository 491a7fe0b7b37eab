import type { FunctionSpec } from '#runtime/wiring-spec';

/**
 * The settings context's Lambda functions: what each may touch (grants, table keys), its size. Apart from
 * wiring.ts, whose routes hold the HTTP schemas: a function reads its configuration from here
 * without building the schemas of every route of its context.
 */
export const settingsFunctions = {
  settings: {
    kind: 'http',
    description: "The shop's settings, read and replaced by its administrators",
    grants: ['table:read', 'table:write'],
    tableKeys: { read: ['SETTINGS'], write: ['SETTINGS'] },
  },
} as const satisfies Record<string, FunctionSpec>;

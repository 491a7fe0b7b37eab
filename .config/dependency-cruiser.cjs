/**
 * The import rules of ARCHITECTURE.md (Layout), checked in CI by `npm run lint`.
 * Contexts: catalog, cart, pricing, ordering, payments, notifications, settings. What every
 * context speaks lives in `kernel`; Lambda plumbing in `runtime`.
 */
const contexts = '(catalog|cart|pricing|ordering|payments|fulfillment|returns|notifications|settings|operations)';

module.exports = {
  forbidden: [
    { name: 'no-cycle', severity: 'error', comment: 'No import cycle, at any depth.', from: {}, to: { circular: true } },
    {
      name: 'kernel-is-a-leaf',
      severity: 'error',
      comment: 'The kernel (money, errors, clock and ids, the event envelope) imports nothing of ours.',
      from: { path: '^shared/kernel/' },
      to: { path: '^(shared|functions|infra)/', pathNot: '^shared/kernel/' },
    },
    {
      name: 'domain-is-pure',
      severity: 'error',
      comment: 'A domain imports no AWS SDK, Stripe, Powertools or middy.',
      from: { path: '^shared/[^/]+/domain/' },
      to: { path: 'node_modules/(@aws-sdk|stripe|@aws-lambda-powertools|@middy|aws-jwt-verify)' },
    },
    {
      name: 'domain-builds-on-kernel-and-pure-domains',
      severity: 'error',
      comment: 'A domain imports only the kernel, its own domain, and the pure domains it builds on (see the exceptions below).',
      from: { path: `^shared/${contexts}/domain/`, pathNot: '^shared/(cart|payments|ordering|fulfillment|returns)/domain/' },
      to: { path: '^(shared|functions|infra)/', pathNot: ['^shared/kernel/', '^shared/pricing/domain/', '^shared/$1/domain/'] },
    },
    {
      name: 'cart-domain-builds-on-catalog-and-pricing',
      severity: 'error',
      from: { path: '^shared/cart/domain/' },
      to: { path: '^(shared|functions|infra)/', pathNot: ['^shared/kernel/', '^shared/(pricing|catalog|cart)/domain/'] },
    },
    {
      name: 'ordering-domain-builds-on-pricing-and-settings',
      severity: 'error',
      comment: 'An order records the seller it was sold by (settings) and is priced (pricing).',
      from: { path: '^shared/ordering/domain/' },
      to: { path: '^(shared|functions|infra)/', pathNot: ['^shared/kernel/', '^shared/(pricing|settings|ordering)/domain/'] },
    },
    {
      name: 'payments-domain-builds-on-ordering-pricing-and-settings',
      severity: 'error',
      from: { path: '^shared/payments/domain/' },
      to: { path: '^(shared|functions|infra)/', pathNot: ['^shared/kernel/', '^shared/(pricing|ordering|settings|payments)/domain/'] },
    },
    {
      name: 'fulfillment-domain-builds-on-ordering',
      severity: 'error',
      comment: 'Parcels and downloads are of an order: fulfillment reads the order (ordering) and its lines (pricing).',
      from: { path: '^shared/fulfillment/domain/' },
      to: { path: '^(shared|functions|infra)/', pathNot: ['^shared/kernel/', '^shared/(pricing|ordering|settings|fulfillment)/domain/'] },
    },
    {
      name: 'returns-domain-builds-on-ordering',
      severity: 'error',
      comment: 'Returns, refunds and credit notes are of an order: they read its lines, totals and VAT (ordering, pricing).',
      from: { path: '^shared/returns/domain/' },
      to: { path: '^(shared|functions|infra)/', pathNot: ['^shared/kernel/', '^shared/(pricing|ordering|settings|returns)/domain/'] },
    },
    {
      name: 'no-arrow-to-adapters-from-inside',
      severity: 'error',
      comment: "A context's domain and use cases never import adapters (its own or another's): adapters implement its ports.",
      from: { path: '^shared/[^/]+/(domain|app)/' },
      to: { path: '^shared/[^/]+/adapters/' },
    },
    {
      name: 'contexts-meet-at-the-front-door',
      severity: 'error',
      comment: "A context uses another only through its index.ts (exported ports, types, transaction builders), its pdf.ts (printing, for PDF functions only) or its contracts.",
      from: { path: `^shared/${contexts}/(app|adapters|contracts|wiring|index)` },
      to: {
        path: `^shared/${contexts}/`,
        pathNot: ['^shared/$1/', '^shared/[^/]+/(index|pdf)\\.ts$', '^shared/[^/]+/contracts/', '^shared/pricing/domain/'],
      },
    },
    {
      name: 'runtime-knows-no-context-internals',
      severity: 'error',
      comment: 'Lambda plumbing reads the wiring and the contracts, never a use case or an adapter.',
      from: { path: '^shared/runtime/' },
      to: { path: `^shared/${contexts}/`, pathNot: ['^shared/[^/]+/contracts/', '^shared/[^/]+/wiring\\.ts$'] },
    },
    {
      name: 'infra-imports-wiring-not-handlers',
      severity: 'error',
      comment: 'The CDK app is built from the wiring and contracts, never from handler code or use cases.',
      from: { path: '^infra/aws/' },
      to: { path: '^(functions/|shared/[^/]+/(app|adapters|domain)/)' },
    },
    {
      name: 'functions-are-separate',
      severity: 'error',
      from: { path: '^functions/([^/]+)/' },
      to: { path: '^functions/', pathNot: '^functions/$1/' },
    },
    // aws-lambda is a types-only package (@types/aws-lambda).
    { name: 'resolvable', severity: 'error', from: {}, to: { couldNotResolve: true, pathNot: '^aws-lambda$' } },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'], extensions: ['.ts', '.js', '.json'] },
    exclude: { path: '(^|/)(node_modules|cdk\\.out|\\.local)/' },
  },
};

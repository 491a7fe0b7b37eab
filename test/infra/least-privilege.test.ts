import { beforeAll, describe, expect, it } from 'vitest';
import { tableStatements } from '../../infra/aws/constructs/table-access';
import { allows, on, statementsOf, type Statement } from './iam';
import { lookup, synthesizeCommerce, type Resources } from './synth';
import { PROMOTION_ATTEMPTS_PER_IP } from '#cart/app/apply-promotion';
import { cartKeys, promotionKeys } from '#cart/adapters/keys';
import { productCategoryKeys, productKey, productKeys } from '#catalog/adapters/keys';
import { CHECKOUTS_PER_IP, UNPAID_PER_CUSTOMER, UNPAID_PER_EMAIL, UNPAID_PER_IP } from '#ordering/app/checkout';
import { customerOrdersPartition, orderCounterKey, orderEmailPartition, orderKeys, orderNumberKey, orderStatusPartition, SUCCEEDED_REFUNDS, succeededRefundKeys, UNANSWERED_REFUNDS, unansweredRefundKeys } from '#ordering/adapters/keys';
import { chargeInTransaction } from '#runtime/dynamodb/rate-limits';
import type { RateLimit } from '#kernel/errors';
import { functions, queues, routes, type FunctionName, type FunctionSpec, type RouteSpec } from '#wiring';

let resources: Resources;
let find: ReturnType<typeof lookup>;

beforeAll(() => {
  ({ resources } = synthesizeCommerce());
  find = lookup(resources);
}, 60_000);

const policyOf = (name: FunctionName): Statement[] => statementsOf(resources, find.functionIdOf(name));
const specs = Object.entries(functions) as [FunctionName, FunctionSpec][];

// Keys as the adapters build them: if a key shape changes, the grants below must follow.
const product = productKey('MUG-LOGO').PK;
const order = orderKeys('order-1').PK;
const cart = cartKeys('cart-1').PK;
const promotion = promotionKeys('WELCOME10').PK;
const customerOrders = customerOrdersPartition('cognito-sub-1');
const orderNumber = orderNumberKey('2026-000123').PK;
const ordersOfEmail = orderEmailPartition('Camille@example.fr');
const rateCounter = (limit: RateLimit, subject: string) =>
  String(chargeInTransaction('table', { limit, subject }, new Date('2026-11-24T10:00:00Z')).Update!.Key!.PK);

describe('DynamoDB grants', () => {
  it('let no function Scan the tables or their indexes, nor use a wildcard action', () => {
    for (const [name] of specs) {
      const policy = policyOf(name);
      for (const where of [on.table, on.index('GSI1'), on.index('GSI2'), on.index('GSI3'), on.index('GSI4')]) {
        expect(allows(policy, 'dynamodb:Scan', where), name).toBe(false);
        expect(allows(policy, 'dynamodb:PartiQLSelect', where), name).toBe(false);
      }
      const actions = policy.flatMap((s) => [s.Action].flat());
      expect(actions.filter((a) => a.startsWith('dynamodb:') && /[*?]/.test(a)), name).toEqual([]);
    }
  });

  it('let the public catalog read products, the catalog and its categories, and nothing else', () => {
    const catalog = policyOf('catalog');
    expect(allows(catalog, 'dynamodb:GetItem', on.table, [product])).toBe(true);
    expect(allows(catalog, 'dynamodb:Query', on.index('GSI1'), [productKeys('MUG-LOGO').GSI1PK])).toBe(true);
    expect(allows(catalog, 'dynamodb:Query', on.index('GSI2'), [productCategoryKeys('mugs', 'MUG-LOGO').GSI2PK])).toBe(true);
    // No order, cart, promotion, counter or settings; no customer's nor status's index entries.
    for (const key of [order, cart, promotion, orderCounterKey(2026).PK, 'SETTINGS']) {
      expect(allows(catalog, 'dynamodb:GetItem', on.table, [key]), key).toBe(false);
    }
    expect(allows(catalog, 'dynamodb:Query', on.index('GSI1'), [customerOrders])).toBe(false);
    expect(allows(catalog, 'dynamodb:Query', on.index('GSI4'), [orderStatusPartition('paid')])).toBe(false);
    expect(allows(catalog, 'dynamodb:Query', on.table, [order])).toBe(false);
    // A batch naming one product and one order is refused whole.
    expect(allows(catalog, 'dynamodb:GetItem', on.table, [product, order])).toBe(false);
    expect(allows(catalog, 'dynamodb:PutItem', on.table, [product])).toBe(false);
    expect(allows(catalog, 'dynamodb:UpdateItem', on.table, [product])).toBe(false);
  });

  it("let the orders function read orders, customers' listings and the back office's searches, and nothing else", () => {
    const orders = policyOf('orders');
    expect(allows(orders, 'dynamodb:GetItem', on.table, [order])).toBe(true);
    expect(allows(orders, 'dynamodb:GetItem', on.table, [orderNumber])).toBe(true);
    expect(allows(orders, 'dynamodb:BatchGetItem', on.table, [order, orderKeys('order-2').PK])).toBe(true);
    expect(allows(orders, 'dynamodb:Query', on.index('GSI1'), [customerOrders])).toBe(true);
    expect(allows(orders, 'dynamodb:Query', on.index('GSI4'), [orderStatusPartition('paid')])).toBe(true);
    expect(allows(orders, 'dynamodb:Query', on.index('GSI3'), [ordersOfEmail])).toBe(true);
    for (const key of [cart, product, promotion, orderCounterKey(2026).PK, 'SETTINGS']) {
      expect(allows(orders, 'dynamodb:GetItem', on.table, [key]), key).toBe(false);
      // A batch naming one order and one other item is refused whole.
      expect(allows(orders, 'dynamodb:BatchGetItem', on.table, [order, key]), key).toBe(false);
    }
    expect(allows(orders, 'dynamodb:Query', on.index('GSI1'), [productKeys('MUG-LOGO').GSI1PK])).toBe(false);
    // GSI2 lists the products of a category: not for this function.
    expect(allows(orders, 'dynamodb:Query', on.index('GSI2'), [productCategoryKeys('mugs', 'MUG-LOGO').GSI2PK])).toBe(false);
    expect(allows(orders, 'dynamodb:UpdateItem', on.table, [order])).toBe(false);
    expect(allows(orders, 'dynamodb:UpdateItem', on.table, [orderNumber])).toBe(false);
  });

  it('let the catalog admin read the unpaid orders for its stock view, and no other order listing', () => {
    const admin = policyOf('catalog-admin');
    expect(allows(admin, 'dynamodb:BatchGetItem', on.table, [order, orderKeys('order-2').PK])).toBe(true);
    expect(allows(admin, 'dynamodb:Query', on.index('GSI4'), [orderStatusPartition('pending_payment')])).toBe(true);
    expect(allows(admin, 'dynamodb:Query', on.index('GSI2'), [orderStatusPartition('pending_payment')])).toBe(true);
    expect(allows(admin, 'dynamodb:Query', on.index('GSI4'), [orderStatusPartition('paid')])).toBe(false);
    expect(allows(admin, 'dynamodb:Query', on.index('GSI1'), [customerOrders])).toBe(false);
    expect(allows(admin, 'dynamodb:Query', on.index('GSI3'), [ordersOfEmail])).toBe(false);
    expect(allows(admin, 'dynamodb:UpdateItem', on.table, [order])).toBe(false);
  });

  it('give the Stripe API key to no function of a route the public calls, but checkout and the webhook (whose every request needs it)', () => {
    const publicFunctions = new Set(Object.values(routes as Record<string, RouteSpec>).filter((r) => r.auth !== 'admin').map((r) => r.function));
    const holding = [...publicFunctions].filter((name) => (functions[name as FunctionName] as FunctionSpec).grants.includes('stripe:secret'));
    expect(holding.sort()).toEqual(['checkout', 'stripe-webhook']);
    // The customer's return writes no stock and takes no invoice or credit-note number.
    expect(functions.returns.tableKeys.write).toEqual(['ORDER#*', 'RETURN#*', 'OUTBOX#*']);
  });

  it('let the payment workers write no product: a payment leaves the stock alone', () => {
    for (const name of ['payments', 'payment-reconciliation'] as const) {
      for (const action of ['dynamodb:UpdateItem', 'dynamodb:PutItem']) expect(allows(policyOf(name), action, on.table, [product]), `${name} ${action}`).toBe(false);
    }
  });

  it('give each function exactly the partition keys its wiring declares, with the actions of each access', () => {
    const patternsAllowing = (policy: Statement[], action: string, where: unknown) =>
      policy
        // CDK merges statements that differ only by resource: one may name several.
        .filter((s) => [s.Action].flat().includes(action) && [s.Resource].flat().some((r) => JSON.stringify(r) === JSON.stringify(where)))
        .flatMap((s) => [s.Condition?.['ForAllValues:StringLike']?.['dynamodb:LeadingKeys'] ?? ['<no condition>']].flat())
        .sort();
    for (const [name, spec] of specs) {
      const policy = policyOf(name);
      const keys = spec.tableKeys ?? {};
      const sorted = (patterns: readonly string[] | undefined) => [...(patterns ?? [])].sort();
      for (const action of ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:ConditionCheckItem']) {
        expect(patternsAllowing(policy, action, on.table), `${name} ${action}`).toEqual(sorted(keys.read));
      }
      for (const action of ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem']) {
        expect(patternsAllowing(policy, action, on.table), `${name} ${action}`).toEqual(sorted(keys.write));
      }
      for (const target of ['table', 'GSI1', 'GSI2', 'GSI3', 'GSI4']) {
        const where = target === 'table' ? on.table : on.index(target);
        expect(patternsAllowing(policy, 'dynamodb:Query', where), `${name} Query ${target}`).toEqual(sorted(keys.query?.[target]));
      }
      const tableGranted = spec.grants.includes('table:read') || spec.grants.includes('table:write');
      expect(spec.tableKeys !== undefined, `${name} declares tableKeys`).toBe(tableGranted);
    }
  });

  it('cover the keys each function builds, as its adapters build them', () => {
    const uses: Partial<Record<FunctionName, { read?: string[]; write?: string[]; GSI1?: string[]; GSI2?: string[]; GSI3?: string[]; GSI4?: string[] }>> = {
      catalog: { read: [product], GSI1: [productKeys('MUG-LOGO').GSI1PK], GSI2: [productCategoryKeys('mugs', 'MUG-LOGO').GSI2PK] },
      'catalog-admin': { read: [product, order], write: [product], GSI1: [productKeys('MUG-LOGO').GSI1PK], GSI2: [orderStatusPartition('pending_payment')], GSI4: [orderStatusPartition('pending_payment')] },
      inventory: { read: [product] },
      carts: { read: [cart, product, promotion], write: [cart, promotion, rateCounter(PROMOTION_ATTEMPTS_PER_IP, '203.0.113.7')] },
      checkout: {
        read: [cart, product],
        write: [order, orderNumber, product, cart, promotion, orderCounterKey(2026).PK, rateCounter(CHECKOUTS_PER_IP, '203.0.113.7'), rateCounter(UNPAID_PER_IP, '203.0.113.7'), rateCounter(UNPAID_PER_EMAIL, 'camille@example.fr'), rateCounter(UNPAID_PER_CUSTOMER, 'customer-1')],
      },
      // The sales report: orders by status on both status indexes (GSI2 for those placed before GSI4), the ledger of succeeded refunds.
      orders: { read: [order, orderNumber], GSI1: [customerOrders], GSI2: [orderStatusPartition('delivered'), SUCCEEDED_REFUNDS], GSI3: [ordersOfEmail], GSI4: [orderStatusPartition('paid')] },
      'order-expiry': { read: [order, product], write: [order, product, rateCounter(UNPAID_PER_IP, '203.0.113.7'), rateCounter(UNPAID_PER_EMAIL, 'camille@example.fr'), rateCounter(UNPAID_PER_CUSTOMER, 'customer-1')], GSI2: [orderStatusPartition('pending_payment')], GSI4: [orderStatusPartition('pending_payment')] },
      payments: { read: [order], write: [order, rateCounter(UNPAID_PER_IP, '203.0.113.7'), rateCounter(UNPAID_PER_EMAIL, 'camille@example.fr'), rateCounter(UNPAID_PER_CUSTOMER, 'customer-1')] },
      'payment-reconciliation': { read: [order], write: [order, rateCounter(UNPAID_PER_EMAIL, 'camille@example.fr'), rateCounter(UNPAID_PER_CUSTOMER, 'customer-1')], GSI2: [orderStatusPartition('pending_payment')], GSI4: [orderStatusPartition('pending_payment')] },
      invoices: { read: [order] },
      // A refund's settlement writes its entry in the ledger of succeeded refunds, beside the order.
      ...Object.fromEntries((['returns-admin', 'refunds', 'refund-settlement'] as const).map((name) => [name, { write: [order, succeededRefundKeys('order-1', 'refund-1').PK, unansweredRefundKeys('order-1', 'refund-1').PK] }])),
      // Asks Stripe again for refunds it never answered, and settles them as their request would have.
      'refund-deadlines': { read: [order], write: [order, succeededRefundKeys('order-1', 'refund-1').PK, unansweredRefundKeys('order-1', 'refund-1').PK], GSI2: [UNANSWERED_REFUNDS, 'REFUND_DUE'] },
      // The customer's return: its order and the return's lookup, and nothing of money or stock.
      returns: { read: [order], write: [order, 'RETURN#return-1'] },
    };
    for (const [name, use] of Object.entries(uses) as [FunctionName, NonNullable<(typeof uses)[FunctionName]>][]) {
      const policy = policyOf(name);
      for (const key of use.read ?? []) expect(allows(policy, 'dynamodb:GetItem', on.table, [key]), `${name} reads ${key}`).toBe(true);
      for (const key of use.write ?? []) expect(allows(policy, 'dynamodb:UpdateItem', on.table, [key]), `${name} writes ${key}`).toBe(true);
      for (const key of use.GSI1 ?? []) expect(allows(policy, 'dynamodb:Query', on.index('GSI1'), [key]), `${name} queries ${key}`).toBe(true);
      for (const key of use.GSI2 ?? []) expect(allows(policy, 'dynamodb:Query', on.index('GSI2'), [key]), `${name} queries ${key}`).toBe(true);
      for (const key of use.GSI3 ?? []) expect(allows(policy, 'dynamodb:Query', on.index('GSI3'), [key]), `${name} queries ${key}`).toBe(true);
      for (const key of use.GSI4 ?? []) expect(allows(policy, 'dynamodb:Query', on.index('GSI4'), [key]), `${name} queries ${key}`).toBe(true);
    }
  });

  it('give the idempotency table to its users only, with the four item actions Powertools calls', () => {
    const idempotencyActions = (name: FunctionName) =>
      policyOf(name)
        .filter((s) => JSON.stringify(s.Resource).includes('IdempotencyTable'))
        .flatMap((s) => [s.Action].flat())
        .sort();
    for (const [name, spec] of specs) {
      expect(idempotencyActions(name), name).toEqual(
        spec.grants.includes('idempotency') ? ['dynamodb:DeleteItem', 'dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem'] : [],
      );
    }
  });
});

describe('dead-letter operations', () => {
  // The stateless stack reads the stateful stack's queues through imports named after them.
  const arnOf = (exportNames: readonly string[], logicalId: string) => {
    const name = exportNames.find((n) => n.includes(`${logicalId}Arn`));
    expect(name, `${logicalId} Arn`).toMatch(new RegExp(`${logicalId}Arn`));
    return { 'Fn::ImportValue': name };
  };
  const exportNamesIn = (value: unknown): string[] => [...JSON.stringify(value).matchAll(/"Fn::ImportValue":"([^"]+)"/g)].map((m) => m[1]!);

  it('may peek at and redrive the DLQs, send back to their own queues only, and know each pair', () => {
    const operators = specs.filter(([, spec]) => spec.grants.includes('queues:operate'));
    expect(operators.length).toBeGreaterThan(0);
    for (const [name] of operators) {
      const policy = policyOf(name);
      const names = exportNamesIn(policy);
      for (const queue of Object.keys(queues)) {
        const dlq = arnOf(names, find.dlqIdOf(queue));
        const source = arnOf(names, find.queueIdOf(queue));
        for (const action of ['sqs:ReceiveMessage', 'sqs:GetQueueAttributes', 'sqs:StartMessageMoveTask']) {
          expect(allows(policy, action, dlq), `${name} ${action} ${queue} DLQ`).toBe(true);
          expect(allows(policy, action, source), `${name} ${action} ${queue} queue`).toBe(false);
        }
        expect(allows(policy, 'sqs:SendMessage', source), `${name} sends to ${queue}`).toBe(true);
        expect(allows(policy, 'sqs:SendMessage', dlq), `${name} sends to the ${queue} DLQ`).toBe(false);
      }
      // DEAD_LETTER_QUEUES is JSON joined with the imports: read it with each import by its name.
      const variable = (resources[find.functionIdOf(name)]!.Properties.Environment as { Variables: Record<string, unknown> }).Variables.DEAD_LETTER_QUEUES;
      const parts = (variable as { 'Fn::Join': [string, unknown[]] })['Fn::Join'][1];
      const pairs = JSON.parse(parts.map((p) => (typeof p === 'string' ? p : exportNamesIn(p)[0])).join('')) as Record<string, string>[];
      expect(pairs.map((p) => p.name).sort()).toEqual(Object.keys(queues).sort());
      for (const pair of pairs) {
        expect(pair.queueArn).toContain(`${find.queueIdOf(pair.name!)}Arn`);
        expect(pair.deadLetterArn).toContain(`${find.dlqIdOf(pair.name!)}Arn`);
        expect(pair.deadLetterUrl).toContain(`Ref${find.dlqIdOf(pair.name!)}`);
      }
    }
  });
});

describe('the table grants of a function', () => {
  const spec = (over: Partial<FunctionSpec>): FunctionSpec => ({ kind: 'http', description: 'd', grants: ['table:read'], ...over });

  it('are refused when it is granted the table but declares no keys', () => {
    expect(() => tableStatements('f', spec({}), 'arn')).toThrow(/f: it is granted the table but declares no tableKeys/);
  });

  it('are refused when its keys write without table:write, or query an index the table lacks', () => {
    expect(() => tableStatements('f', spec({ tableKeys: { write: ['X#*'] } }), 'arn')).toThrow(/not granted table:write/);
    expect(() => tableStatements('f', spec({ tableKeys: { query: { GSI9: ['X'] } } }), 'arn')).toThrow(/GSI9/);
  });
});

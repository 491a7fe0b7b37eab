import { describe, expect, it } from 'vitest';
import { costPerMillionOrders, designLevers, writeUnitsByItem } from './cost';
import type { Call } from './meter';
import { PRICES } from './prices';
import type { Phase } from './scripted-run';

type Billed = Call['billedItems'][number];

const write = (operation: string, billedItems: Billed[], extra: Partial<Call> = {}): Call => ({
  service: 'dynamodb',
  operation,
  fn: undefined,
  tables: ['domain'],
  items: billedItems.map((b) => b.item),
  rcu: 0,
  wcu: billedItems.reduce((s, b) => s + b.units + b.indexUnits, 0),
  billedItems,
  reportedWcu: 0,
  detailTypes: [],
  ok: true,
  startedAt: 0,
  ms: 5,
  ...extra,
});
const item = (kind: string, units: number, indexUnits = 0, transactional = true): Billed => ({ item: kind, units, indexUnits, transactional });
const events = (...detailTypes: string[]): Call => ({ ...write('PutEvents', []), service: 'eventbridge', detailTypes });
const phase = (name: string, calls: Call[]): Phase => ({ name, status: 'measured', http: [{ fn: 'carts', ms: 20 }], calls, invocations: [] });

/** One order, made up: what each step writes, with the figures the text must be computed from. */
const order = (): Phase[] => [
  ...[1, 2, 3].map(() => phase('add to cart', [write('UpdateItem', [item('CART', 1, 0, false)])])),
  phase('get cart', []),
  phase('checkout', [
    write('TransactWriteItems', [item('ORDER', 4, 3), item('PRODUCT', 2, 2), item('PRODUCT', 2, 2), item('PRODUCT', 2, 2), item('RATE', 2), item('OUTBOX', 2)]),
    events('OrderPlaced'),
    events('StockChanged', 'StockChanged', 'StockChanged'),
  ]),
  phase('payment confirmation', [write('TransactWriteItems', [item('COUNTER', 2), item('ORDER', 4, 1), item('RATE', 2), item('RATE', 2), item('EVENT', 2)]), events('OrderPaid')]),
  phase('shipment', [write('TransactWriteItems', [item('ORDER', 4, 1), item('OUTBOX', 2)]), events('OrderShipped')]),
];

describe('cost per million orders: "to reach $25" from the run\'s own counts', () => {
  it('counts write units per order by kind of item, table and index, with the steps that write them', () => {
    const byItem = writeUnitsByItem(order());
    expect(byItem[0]).toEqual({ item: 'ORDER', units: 17, bySteps: { checkout: 7, 'payment confirmation': 5, shipment: 5 } });
    expect(byItem.find((b) => b.item === 'CART')).toEqual({ item: 'CART', units: 3, bySteps: { 'add to cart': 3 } });
    expect(byItem.reduce((s, b) => s + b.units, 0)).toBe(costPerMillionOrders(order()).usagePerOrder.wru);
  });

  it('estimates each change of the design from the units and events it would take away', () => {
    const levers = Object.fromEntries(designLevers(order()).map((l) => [l.lever.split(' ')[0], l]));
    const usd = (units: number) => Number((units * PRICES.dynamodbWriteUnit * 1e6).toFixed(2));
    // The products' index copies at checkout: 3 × 2 units.
    expect(levers.stock).toMatchObject({ writeUnits: 6, usd: usd(6) });
    // The order item at payment and shipment, 4 units each, against 2 for an item under 1 KB.
    expect(levers.the).toMatchObject({ writeUnits: 4, usd: usd(4) });
    // The two counters given back at payment.
    expect(levers['held-order']).toMatchObject({ writeUnits: 4, usd: usd(4) });
    // Three StockChanged for one order: two events fewer.
    expect(levers.one).toMatchObject({ events: 2, usd: Number((2 * PRICES.eventBridgeEvent * 1e6).toFixed(2)) });
  });

  it('says what the order would cost with them, and what the services besides DynamoDB cost, from this run', () => {
    const cost = costPerMillionOrders(order());
    const text = cost.toReachTarget.join('\n');
    const beyondDynamo = Object.entries(cost.perService).filter(([line]) => !line.startsWith('DynamoDB')).reduce((s, [, v]) => s + v, 0);
    const saved = cost.designLevers.reduce((s, l) => s + l.usd, 0);
    expect(text).toContain(`API Gateway, Lambda, EventBridge and SQS alone are $${Number(beyondDynamo.toFixed(2))} in this run`);
    expect(text).toContain(`$${Number(saved.toFixed(2))} together`);
    expect(text).toContain(`With all four the order would cost $${Number((cost.total - saved).toFixed(2))}`);
    expect(text).toContain(`${cost.usagePerOrder.wru - 14} write units per order`);
    expect(text).not.toMatch(/about \$\d/i);
  });
});

/**
 * `npx tsx test/bench/item-sizes.ts`: what each transaction of an order writes, item by item, with
 * the size DynamoDB bills it by. One order is walked through the local runtime (checkout, payment,
 * shipment, refund); every TransactWriteItems is caught after the document client marshalled it,
 * so the sizes are those of the items sent. A Put is billed by its item; an Update by the larger
 * of the item before and after, so the order's stored size is printed after each step. Outbox
 * items show their detail's size and what it would be gzipped and brotli-compressed.
 */
import { brotliCompressSync, brotliDecompressSync, constants, gzipSync } from 'node:zlib';
import { DynamoDBClient, GetItemCommand, type AttributeValue, type ConsumedCapacity, type TransactWriteItem } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { startLocalRuntime } from '../../infra/local/runtime';
import { itemSize, valueSize, writeUnits } from './item-size';
import { SKUS } from './scripted-run';
import { benchShopper, type Placed } from './shopper';

type Args = { input: Record<string, unknown> };
type Next = (a: Args) => Promise<unknown>;
type Stack = { add: (mw: unknown, options: Record<string, unknown>) => void };
interface Written {
  step: string;
  kind: 'Put' | 'Update' | 'ConditionCheck' | 'Delete';
  pk: string;
  bytes: number;
  detail?: { type: string; json: number; gzip: number; brotli: number; itemBytes: number };
}

let step = 'setup';
interface Transaction {
  step: string;
  items: Written[];
  /** Consumed capacity as DynamoDB reports it: the table's, and each index's. */
  consumed: string;
  ok: boolean;
}
const written: Transaction[] = [];
const seen = new WeakSet<object>();
const watch = (client: { prototype: { send: (...a: unknown[]) => unknown } }) => {
  const send = client.prototype.send;
  client.prototype.send = function (this: { middlewareStack: Stack }, ...args: unknown[]) {
    if (!seen.has(this.middlewareStack)) {
      seen.add(this.middlewareStack);
      // Asked for before the document client marshalls; the items read once marshalled (build).
      this.middlewareStack.add(
        (next: Next, context: { commandName?: string }) => async (a: Args) => {
          if (context.commandName?.startsWith('TransactWrite')) a.input.ReturnConsumedCapacity = 'INDEXES';
          return next(a);
        },
        { step: 'initialize', name: 'itemSizesCapacity', override: true },
      );
      this.middlewareStack.add(
        (next: Next, context: { commandName?: string }) => async (a: Args) => {
          if (!context.commandName?.startsWith('TransactWrite')) return next(a);
          const tx: Transaction = { step, items: ((a.input.TransactItems ?? []) as TransactWriteItem[]).map(describe), consumed: '', ok: false };
          written.push(tx);
          const result = (await next(a)) as { output: { ConsumedCapacity?: ConsumedCapacity[] } };
          tx.ok = true;
          tx.consumed = (result.output.ConsumedCapacity ?? [])
            .map((c) => [`${c.CapacityUnits}: table ${c.Table?.CapacityUnits ?? 0}`, ...Object.entries(c.GlobalSecondaryIndexes ?? {}).map(([k, v]) => `${k} ${v.CapacityUnits}`)].join(', '))
            .join('; ');
          return result;
        },
        { step: 'build', name: 'itemSizes', override: true },
      );
    }
    return send.apply(this, args);
  };
};
// The document client shares its DynamoDB client's stack but has a `send` of its own.
watch(DynamoDBClient as never);
watch(DynamoDBDocumentClient as never);

const describe = (t: TransactWriteItem): Written => {
  const [kind, op] = Object.entries(t)[0] as [Written['kind'], { Item?: Record<string, AttributeValue>; Key?: Record<string, AttributeValue> }];
  const pk = (op.Item ?? op.Key)?.PK?.S ?? '?';
  const bytes = op.Item ? itemSize(op.Item) : 0;
  const out: Written = { step, kind, pk, bytes };
  const detail = op.Item?.detail;
  if (detail?.S !== undefined) {
    const json = Buffer.from(detail.S);
    const compressed = (n: number) => bytes - json.length + n;
    out.detail = { type: op.Item?.detailType?.S ?? '?', json: json.length, gzip: compressed(gzipSync(json, { level: 9 }).length), brotli: compressed(brotliCompressSync(json, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length), itemBytes: bytes };
  } else if (op.Item?.entriesBr) {
    // Facts stored compressed already (an outbox item, or a claim carrying them): the JSON they hold, and the item as it is.
    const binary = op.Item.entriesBr.B;
    const json = binary ? brotliDecompressSync(binary).length : 0;
    out.detail = { type: op.Item.detailType?.S ?? '?', json, gzip: 0, brotli: bytes, itemBytes: bytes };
  }
  return out;
};

const runtime = await startLocalRuntime({ port: 0, awsPort: 0, dynamoPort: 0, stripePort: 0, scheduleScale: 1000 });
const raw = new DynamoDBClient({ endpoint: runtime.dynamoEndpoint, region: 'eu-west-3', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
const orderSizes: { step: string; bytes: number; largest: string }[] = [];
try {
  const shop = benchShopper(runtime);
  const settle = () => new Promise((r) => setTimeout(r, 1500));
  const cart = await shop.readyCart(SKUS, 900_003);
  const measureOrder = async (placed: Placed) => {
    const { Item = {} } = await raw.send(new GetItemCommand({ TableName: 'commerce', Key: { PK: { S: `ORDER#${placed.order.id}` }, SK: { S: 'ORDER' } }, ConsistentRead: true }));
    const largest = Object.entries(Item).map(([k, v]) => [k, k.length + valueSize(v)] as const).sort((a, b) => b[1] - a[1]).slice(0, 6);
    orderSizes.push({ step, bytes: itemSize(Item), largest: largest.map(([k, n]) => `${k} ${n}`).join(', ') });
  };
  step = 'checkout';
  const placed = (await shop.checkout(cart, 'item-sizes-1')).body as Placed;
  await settle();
  await measureOrder(placed);
  step = 'payment confirmation';
  await shop.confirm(placed.payment.paymentIntentId);
  await shop.waitPaid(placed);
  await settle();
  await measureOrder(placed);
  step = 'shipment';
  await shop.ship(placed.order.id);
  await settle();
  await measureOrder(placed);
  step = 'refund';
  const refund = await shop.refund(placed.order.id, 'item-sizes-refund');
  if (refund.status !== 201) console.error(`refund: ${refund.status} ${JSON.stringify(refund.body).slice(0, 300)}`);
  await settle();
  await measureOrder(placed);
} finally {
  raw.destroy();
  await runtime.stop();
}

console.log('\n## Transactions (Put sizes; WCU = 2 per KB begun per item; Updates are billed by the stored item, below)\n');
console.log('| step | items | Put bytes | transactional WCU of the Puts | consumed (DynamoDB Local) |');
console.log('| --- | --- | --- | --- | --- |');
for (const tx of written.filter((t) => t.step !== 'setup')) {
  const puts = tx.items.filter((w) => w.kind === 'Put');
  const items = tx.items.map((w) => `${w.kind} ${w.pk.split('#')[0]}`).join(' ');
  console.log(`| ${tx.step} | ${items} | ${puts.map((p) => `${p.pk.split('#')[0]} ${p.bytes}`).join(', ')} | ${puts.reduce((s, p) => s + writeUnits(p.bytes, true), 0)} | ${tx.ok ? tx.consumed : 'failed'} |`);
}
console.log('\n## Outbox items\n');
console.log('| step | event | item bytes | detail JSON | item with gzip detail | item with brotli detail |');
console.log('| --- | --- | --- | --- | --- | --- |');
for (const w of written.flatMap((t) => t.items).filter((x) => x.detail && x.step !== 'setup')) {
  const d = w.detail!;
  console.log(`| ${w.step} | ${d.type} | ${d.itemBytes} | ${d.json} | ${d.gzip} | ${d.brotli} |`);
}
console.log('\n## The order item after each step\n');
console.log('| after | bytes | largest attributes (name + value bytes) |');
console.log('| --- | --- | --- |');
for (const o of orderSizes) console.log(`| ${o.step} | ${o.bytes} | ${o.largest} |`);
process.exit(0);

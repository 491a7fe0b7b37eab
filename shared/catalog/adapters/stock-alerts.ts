import { batchGet } from '#runtime/dynamodb/batch-get';
import type { DocumentClient } from '#runtime/dynamodb/client';
import { putOutboxEntries } from '#runtime/dynamodb/outbox';
import { claimItem } from '#runtime/dynamodb/processed-events';
import { cancellationCodes, sendAllOrNone } from '#runtime/dynamodb/transactions';
import type { OutboxEntry } from '#runtime/outbox';
import type { AlertChange, ProductStock, StockAlerts } from '../app/ports';
import type { TransactItem } from './stock-transactions';
import { ALERTED, productKey } from './keys';

/** DynamoDB's most items in one transaction. */
const MAX_TRANSACTION_ITEMS = 100;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The write of one alert change. Each is guarded by the product as it is at the moment of the
 * write, not as it was read: of concurrent sales that all read "low, not alerted", only the first
 * sets the flag; the others fail here and read again. Comparing `available` with
 * `reorderPoint` in the condition keeps an alert from landing after a restock above it.
 */
const alertItem = (table: string, change: AlertChange): TransactItem =>
  change.kind === 'alert'
    ? {
        Update: {
          TableName: table,
          Key: productKey(change.sku),
          UpdateExpression: 'SET #alerted = :true',
          ConditionExpression: 'reorderPoint = :rp AND available <= reorderPoint AND (attribute_not_exists(#alerted) OR #alerted = :false)',
          ExpressionAttributeNames: { '#alerted': ALERTED },
          ExpressionAttributeValues: { ':true': true, ':false': false, ':rp': change.reorderPoint },
        },
      }
    : {
        Update: {
          TableName: table,
          Key: productKey(change.sku),
          UpdateExpression: 'REMOVE #alerted',
          ConditionExpression: 'attribute_exists(PK) AND (attribute_not_exists(reorderPoint) OR available > reorderPoint)',
          ExpressionAttributeNames: { '#alerted': ALERTED },
        },
      };

const itemsOf = (table: string, changes: readonly AlertChange[]): TransactItem[] =>
  changes.flatMap((c) => [alertItem(table, c), ...(c.kind === 'alert' ? putOutboxEntries(table, [c.fact]) : [])]);

const sizeOf = (c: AlertChange) => (c.kind === 'alert' ? 2 : 1);

/**
 * Splits the alert changes between the claimed transaction (as many as fit beside the claim and
 * the facts) and transactions of their own, written first. An order of 50 lines that all cross
 * their reorder point would otherwise exceed DynamoDB's 100 items; each change alone is still
 * guarded by its product's flag, so writing it before the claim never alerts twice.
 */
const split = (room: number, changes: readonly AlertChange[]) => {
  const claimed: AlertChange[] = [];
  const apart: AlertChange[][] = [];
  let used = 0;
  for (const change of changes) {
    if (used + sizeOf(change) <= room) {
      claimed.push(change);
      used += sizeOf(change);
      continue;
    }
    const last = apart.at(-1);
    if (last && last.reduce((n, c) => n + sizeOf(c), 0) + sizeOf(change) <= MAX_TRANSACTION_ITEMS) last.push(change);
    else apart.push([change]);
  }
  return { claimed, apart };
};

/** The inventory worker's products and its one write per event (see `StockAlerts`). */
export const createStockAlerts = (db: DocumentClient, tableName: string, now: () => Date): StockAlerts => {
  /**
   * Writes the items all or none (a claim alone as one Put): 'ok', or why it was refused.
   * `claimFirst`: its first item is the event's claim, whose failed condition means the event was
   * handled before.
   */
  const write = async (items: TransactItem[], claimFirst: boolean): Promise<'ok' | 'claimed' | 'stale'> => {
    try {
      await sendAllOrNone(db, items);
      return 'ok';
    } catch (error) {
      const codes = cancellationCodes(error);
      if (!codes || codes.some((code) => code !== 'None' && code !== 'ConditionalCheckFailed' && code !== 'TransactionConflict')) throw error;
      return claimFirst && codes[0] === 'ConditionalCheckFailed' ? 'claimed' : 'stale';
    }
  };

  return {
    async read(skus) {
      const found = await batchGet(db, tableName, skus.map(productKey), { consistent: true });
      const stocks = new Map<string, ProductStock>();
      for (const sku of skus) {
        const item = found.at(productKey(sku));
        if (!item || item.type !== 'physical') continue;
        stocks.set(sku, {
          sku,
          name: String(item.name),
          available: Number(item.available ?? 0),
          ...(item.reorderPoint !== undefined && { reorderPoint: Number(item.reorderPoint) }),
          lowStockAlerted: item[ALERTED] === true,
        });
      }
      return stocks;
    },

    async record({ consumer, eventId }, facts: readonly OutboxEntry[], changes) {
      // The facts ride on the claim (see `claimItem`).
      const claim = claimItem(tableName, consumer, eventId, now(), facts);
      const { claimed: withClaim, apart } = split(MAX_TRANSACTION_ITEMS - 1, changes);
      for (const group of apart) {
        if ((await write(itemsOf(tableName, group), false)) !== 'ok') return backOff();
      }
      const outcome = await write([claim, ...itemsOf(tableName, withClaim)], true);
      if (outcome === 'ok') return 'recorded';
      return outcome === 'claimed' ? 'duplicate' : backOff();
    },
  };
};

/** A product moved under us: wait a little (jittered, so concurrent sales spread out) before the caller reads again. */
const backOff = async (): Promise<'stale'> => {
  await sleep(5 + Math.random() * 25);
  return 'stale';
};

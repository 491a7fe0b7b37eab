/**
 * The size DynamoDB bills an item by, from its marshalled attributes, by the rules AWS publishes
 * ("Item sizes and formats"): attribute names and string values count their UTF-8 bytes, binary
 * values their bytes, numbers about one byte per two significant digits plus one, booleans and
 * nulls one byte, and lists and maps 3 bytes plus one per element. A write of an item costs one
 * unit per KB begun (two in a transaction), so the KB boundary is what matters.
 */
import type { AttributeValue } from '@aws-sdk/client-dynamodb';

const utf8 = (s: string) => Buffer.byteLength(s, 'utf8');

const numberSize = (n: string) => {
  const digits = n.replace(/^-/, '').replace(/e.*$/i, '').replace('.', '').replace(/^0+/, '').replace(/0+$/, '');
  return Math.ceil(Math.max(digits.length, 1) / 2) + 1 + (n.startsWith('-') ? 1 : 0);
};

export const valueSize = (v: AttributeValue): number => {
  if (v.S !== undefined) return utf8(v.S);
  if (v.N !== undefined) return numberSize(v.N);
  if (v.B !== undefined) return typeof (v.B as unknown) === 'string' ? Buffer.from(v.B as unknown as string, 'base64').length : v.B.length;
  if (v.BOOL !== undefined || v.NULL !== undefined) return 1;
  if (v.SS) return v.SS.reduce((s, x) => s + utf8(x), 0);
  if (v.NS) return v.NS.reduce((s, x) => s + numberSize(x), 0);
  if (v.BS) return v.BS.reduce((s, x) => s + x.length, 0);
  if (v.L) return 3 + v.L.reduce((s, x) => s + 1 + valueSize(x), 0);
  if (v.M) return 3 + Object.entries(v.M).reduce((s, [k, x]) => s + 1 + utf8(k) + valueSize(x), 0);
  return 0;
};

export const itemSize = (item: Record<string, AttributeValue>): number => Object.entries(item).reduce((s, [name, v]) => s + utf8(name) + valueSize(v), 0);

/** Write units of one write of the item: 1 per KB begun, 2 in a transaction. */
export const writeUnits = (bytes: number, transactional: boolean) => Math.max(1, Math.ceil(bytes / 1024)) * (transactional ? 2 : 1);

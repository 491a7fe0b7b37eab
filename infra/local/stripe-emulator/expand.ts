import { StripeApiError } from './errors';
import { listOf, type Refund } from './objects';

/** How the emulator finds what an id points at, to expand it. */
export interface Lookup {
  byId: (id: string) => object | undefined;
  refundsOf: (chargeId: string) => Refund[];
}

/** The references each object lets you expand (those the emulator holds the objects of). */
const expandable: Record<string, readonly string[]> = {
  payment_intent: ['latest_charge'],
  charge: ['payment_intent', 'refunds'],
  refund: ['charge', 'payment_intent'],
  event: [],
};

const cannot = (path: string) => new StripeApiError(400, 'invalid_request_error', undefined, `This property cannot be expanded (${path}).`, { param: 'expand' });

type Node = Record<string, unknown>;

const expandPath = (node: Node, path: readonly string[], full: string, lookup: Lookup): void => {
  const [head, ...rest] = path;
  if (head === undefined) return;
  if (node.object === 'list' && head === 'data') {
    for (const item of node.data as Node[]) expandPath(item, rest, full, lookup);
    return;
  }
  if (!expandable[String(node.object)]?.includes(head)) throw cannot(full);
  if (node.object === 'charge' && head === 'refunds') {
    node.refunds = structuredClone(listOf(lookup.refundsOf(String(node.id)), `/v1/charges/${String(node.id)}/refunds`, { limit: 100 }));
  } else if (typeof node[head] === 'string') {
    const target = lookup.byId(node[head]);
    if (target) node[head] = structuredClone(target);
  }
  const next = node[head];
  if (rest.length > 0 && next && typeof next === 'object') expandPath(next as Node, rest, full, lookup);
};

/**
 * Replaces ids by the objects they name, as `expand[]=latest_charge` or
 * `expand[]=data.latest_charge.refunds` ask (up to four levels, as Stripe allows).
 */
export const expand = (value: object, paths: readonly string[], lookup: Lookup): object => {
  for (const path of paths) {
    const parts = path.split('.');
    if (parts.length > 4) throw cannot(path);
    expandPath(value as Node, parts, path, lookup);
  }
  return value;
};

import type { Branch } from './compile';
import { isRecord } from './errors';
import type { Leaf } from './matcher';

/**
 * A leaf of the event under its dotted path, with the element it sits in for each array on the
 * way (array id → index). Empty arrays and empty objects have no leaves, so they do not "exist".
 */
interface EventField {
  readonly value: Leaf;
  readonly elements: ReadonlyMap<number, number>;
}

export type EventFields = ReadonlyMap<string, readonly EventField[]>;

/** Flattens the event the way event-ruler does: nested keys join with dots, arrays are walked into. */
export const flattenEvent = (event: unknown): EventFields => {
  const fields = new Map<string, EventField[]>();
  let arrays = 0;
  const visit = (value: unknown, name: string | undefined, elements: ReadonlyMap<number, number>): void => {
    if (Array.isArray(value)) {
      const id = arrays++;
      value.forEach((element, index) => visit(element, name, new Map(elements).set(id, index)));
    } else if (isRecord(value)) {
      for (const [key, child] of Object.entries(value)) visit(child, name === undefined ? key : `${name}.${key}`, elements);
    } else if (name !== undefined) {
      const leaves = fields.get(name) ?? [];
      leaves.push({ value: value as Leaf, elements });
      fields.set(name, leaves);
    }
  };
  if (isRecord(event)) visit(event, undefined, new Map());
  return fields;
};

/**
 * Array consistency (event-ruler's rulesForJSONEvent): leaves used together must come from the
 * same element of every array they share. Returns the combined choice, or undefined on conflict.
 */
const combine = (
  chosen: ReadonlyMap<number, number>,
  field: ReadonlyMap<number, number>,
): ReadonlyMap<number, number> | undefined => {
  for (const [id, index] of field) if (chosen.has(id) && chosen.get(id) !== index) return undefined;
  return new Map([...chosen, ...field]);
};

/**
 * A branch matches when its rules hold in order, each on a leaf consistent with the leaves already
 * used. `exists: false` holds when no leaf of that name is consistent with them: so
 * `{ "a": { "b": [{ "exists": false }] } }` does not match `{ "a": [{ "b": 1 }, {}] }` (a `b` exists),
 * but does when an earlier rule has already picked the element without `b`.
 */
export const matchesBranch = (branch: Branch, fields: EventFields): boolean => {
  const from = (i: number, chosen: ReadonlyMap<number, number>): boolean => {
    const rule = branch[i];
    if (!rule) return true;
    const leaves = fields.get(rule.name) ?? [];
    if (rule.matchesAbsence && !leaves.some((leaf) => combine(chosen, leaf.elements)) && from(i + 1, chosen)) return true;
    return leaves.some((leaf) => {
      if (!rule.matchers.some((matches) => matches(leaf.value))) return false;
      const next = combine(chosen, leaf.elements);
      return next !== undefined && from(i + 1, next);
    });
  };
  return from(0, new Map());
};

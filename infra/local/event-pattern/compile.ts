import { at, invalid, isRecord, show } from './errors';
import { compileFieldRule, type FieldRule } from './values';

/** One way for a pattern to match (each `$or` alternative makes one): its field rules, all of which must hold. */
export type Branch = readonly FieldRule[];

/** Field names event-ruler refuses inside `$or`: its operators, and words it keeps for later ones. */
const RESERVED_IN_OR = new Set([
  ...['exactly', 'equals-ignore-case', 'prefix', 'suffix', 'anything-but', 'exists', 'wildcard', 'numeric', 'cidr'],
  ...['html', '=', '<', '<=', '>', '>=', 'regex', 'not-wildcard', 'not-equals-ignore-case'],
  ...['date-after', 'date-on-or-after', 'date-before', 'date-on-or-before', 'in-date-range'],
  ...['ip-address-in-range', 'ip-address-not-in-range'],
]);

/** Where we are: `name` is the event field path (no `$or`), `path` what an error message shows. */
interface Place {
  readonly name: string;
  readonly path: string;
}

type Fields = ReadonlyMap<string, FieldRule>;

const join = (parent: string, key: string) => (parent ? `${parent}.${key}` : key);

/**
 * Validates a pattern and flattens it as event-ruler does: one branch per combination of `$or`
 * alternatives, each a list of dotted field names with their rules, sorted by name — the order in
 * which event-ruler walks them, which decides what an `exists: false` inside an array sees.
 */
export const compilePattern = (pattern: unknown): Branch[] => {
  if (!isRecord(pattern)) return at('', () => invalid(`a pattern is a JSON object, not ${show(pattern)}`));
  const branches = compileObject(pattern, { name: '', path: '' }, [new Map()], false);
  return branches.map((fields) => [...fields.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)));
};

const compileObject = (object: Record<string, unknown>, place: Place, branches: Fields[], insideOr: boolean): Fields[] => {
  const entries = Object.entries(object);
  if (entries.length === 0) at(place.path, () => invalid('an empty object matches nothing; give at least one field'));
  return entries.reduce((acc, [key, value]) => compileEntry(key, value, place, acc, insideOr), branches);
};

const compileEntry = (key: string, value: unknown, place: Place, branches: Fields[], insideOr: boolean): Fields[] => {
  if (key === '$or') return compileOr(value, place, branches);
  const here = { name: join(place.name, key), path: join(place.path, key) };
  if (insideOr && RESERVED_IN_OR.has(key)) {
    at(here.path, () => invalid(`"${key}" is an operator name and cannot be a field inside $or (misplaced operator object?)`));
  }
  if (isRecord(value)) return compileObject(value, here, branches, insideOr);
  if (!Array.isArray(value)) {
    return at(here.path, () => invalid(`a field's value is an object or an array of match values, not ${show(value)}`));
  }
  const rule = compileFieldRule(here.name, here.path, value);
  // A field already set in this branch (outside and inside an $or) takes the later rule, as in event-ruler.
  return branches.map((fields) => new Map(fields).set(rule.name, rule));
};

/** `$or: [pattern, pattern, …]`: every branch so far continues once per alternative. */
const compileOr = (alternatives: unknown, place: Place, branches: Fields[]): Fields[] => {
  const path = join(place.path, '$or');
  if (!Array.isArray(alternatives) || alternatives.length < 2) {
    return at(path, () => invalid(`$or takes an array of at least 2 patterns, not ${show(alternatives)}`));
  }
  return alternatives.flatMap((alternative: unknown, i) => {
    const here = { name: place.name, path: `${path}[${i}]` };
    if (!isRecord(alternative)) return at(here.path, () => invalid(`an $or alternative is an object, not ${show(alternative)}`));
    return compileObject(alternative, here, branches, true);
  });
};

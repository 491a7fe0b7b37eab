import { type Branch, compilePattern } from './event-pattern/compile';
import { flattenEvent, matchesBranch } from './event-pattern/event-fields';

/**
 * EventBridge event-pattern matching for the local bus, as the EventBridge user guide ("Content
 * filtering in Amazon EventBridge event patterns", "Arrays in Amazon EventBridge event patterns")
 * and aws/event-ruler, the library behind it, define it. No EventBridge emulator exists on npm, so
 * this is ours; test/unit/local/event-pattern.test.ts holds the documented examples.
 *
 * - A field's list is an OR of match values; the fields of an object, AND; `$or` at any level
 *   lists alternative sub-patterns.
 * - The event is flattened to leaves under dotted names, walking into arrays (arrays of objects
 *   too): a field matches when any of its leaves does, and leaves used together must come from
 *   the same array element (`{ "a": { "b": ["x"], "c": ["y"] } }` needs one element with both).
 * - Values compare with their JSON type: `"5"` is not `5`, `null` is not `""`; numbers compare
 *   numerically.
 * - Invalid patterns throw, with the reason and where: `assertValidPattern` is what PutRule checks.
 */

/** A value compared for equality, with its JSON type: `"5"` is not `5`. */
export type PatternValue = string | number | boolean | null;

/**
 * An operator object in a field's list, one operator each: `prefix`, `suffix`,
 * `equals-ignore-case`, `wildcard`, `anything-but`, `numeric`, `exists`, `cidr` (for example
 * `{ "prefix": { "equals-ignore-case": "eu-" } }`, `{ "numeric": [">", 0, "<=", 5] }`). Typed
 * loosely so patterns read from JSON or the wiring fit; `assertValidPattern` checks the operands.
 */
export type PatternOperator = { readonly [operator: string]: unknown };

/** An EventBridge event pattern: fields hold nested patterns or lists of match values; `$or` holds patterns. */
export type EventPattern = {
  readonly [field: string]: EventPattern | readonly (PatternValue | PatternOperator)[] | readonly EventPattern[];
};

export { InvalidEventPatternError } from './event-pattern/errors';

// Patterns are static (the wiring's rules), so each is checked and flattened once. A pattern
// mutated after its first use would keep its first meaning.
const compiled = new WeakMap<object, Branch[]>();

const compile = (pattern: unknown): Branch[] => {
  const cached = typeof pattern === 'object' && pattern !== null ? compiled.get(pattern) : undefined;
  if (cached) return cached;
  const branches = compilePattern(pattern);
  compiled.set(pattern as object, branches);
  return branches;
};

/**
 * Throws an `InvalidEventPatternError` ("event pattern at detail.status: …") for a pattern
 * EventBridge's PutRule would refuse: a field that is neither an object nor a list, an empty list
 * or object, an unknown operator, a malformed operand (numeric, cidr, wildcard `**`, …), an `$or`
 * with fewer than two alternatives.
 */
export function assertValidPattern(pattern: unknown): asserts pattern is EventPattern {
  compile(pattern);
}

/**
 * Whether `event` (the full envelope: version, id, detail-type, source, …, detail) matches
 * `pattern`. Throws rather than guess when the pattern is invalid.
 */
export const matchesPattern = (pattern: EventPattern, event: unknown): boolean => {
  const branches = compile(pattern);
  // EventBridge sees the event's JSON text: dates become strings, undefined fields vanish.
  const json = JSON.stringify(event) as string | undefined;
  const fields = flattenEvent(json === undefined ? undefined : JSON.parse(json));
  return branches.some((branch) => matchesBranch(branch, fields));
};

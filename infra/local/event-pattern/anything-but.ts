import { invalid, isRecord, show } from './errors';
import type { Matcher } from './matcher';
import { comparableOperand } from './numeric';
import { equalsIgnoreCase, prefix, type StringTest, stringOperand, suffix, wildcard } from './strings';

/**
 * `anything-but` matches a leaf that is present and not excluded. Only a value of the excluded
 * kind can be excluded: `{ "anything-but": [100] }` matches the string "100", and
 * `{ "anything-but": "x" }` matches null, true and numbers (event-ruler's tests, and AWS matches
 * null: localstack#9711). A missing field never matches: it has no leaf.
 */
export const compileAnythingBut = (spec: unknown): Matcher => {
  if (isRecord(spec)) return excludeStrings(compileNested(spec));
  if (typeof spec === 'string') return excludeValues([spec]);
  if (typeof spec === 'number') return excludeValues([comparableOperand(spec, 'anything-but')]);
  if (!Array.isArray(spec)) {
    return invalid(`anything-but takes a string, a number, a list of either or an operator object, not ${show(spec)}`);
  }
  if (spec.length === 0) return invalid('anything-but needs at least one value');
  if (spec.every((v) => typeof v === 'string')) return excludeValues(spec);
  if (spec.every((v) => typeof v === 'number')) return excludeValues(spec.map((v) => comparableOperand(v, 'anything-but')));
  return invalid(`an anything-but list holds only strings or only numbers, not ${show(spec)}`);
};

const excludeValues = (excluded: readonly (string | number)[]): Matcher => {
  const set = new Set<unknown>(excluded);
  return (value) => !set.has(value);
};

const NESTED: Record<string, (operand: string) => StringTest> = {
  prefix: (p) => prefix(p),
  suffix: (s) => suffix(s),
  'equals-ignore-case': equalsIgnoreCase,
  wildcard,
};

/** `{ "anything-but": { prefix | suffix | equals-ignore-case | wildcard: string | string[] } }` */
const compileNested = (spec: Record<string, unknown>): StringTest[] => {
  const keys = Object.keys(spec);
  if (keys.length !== 1) return invalid(`an anything-but object takes exactly one operator, not ${show(spec)}`);
  const [operator = ''] = keys;
  const build = Object.hasOwn(NESTED, operator) ? NESTED[operator] : undefined;
  if (!build) return invalid(`anything-but does not support "${operator}" (prefix, suffix, equals-ignore-case or wildcard)`);
  const operands = Array.isArray(spec[operator]) ? (spec[operator] as unknown[]) : [spec[operator]];
  if (operands.length === 0) return invalid(`anything-but ${operator} needs at least one value`);
  return operands.map((operand) => {
    const text = stringOperand(operand, `anything-but ${operator}`);
    if (text === '' && (operator === 'prefix' || operator === 'suffix')) invalid(`anything-but ${operator} cannot be empty`);
    return build(text);
  });
};

const excludeStrings =
  (tests: readonly StringTest[]): Matcher =>
  (value) =>
    typeof value !== 'string' || !tests.some((test) => test(value));

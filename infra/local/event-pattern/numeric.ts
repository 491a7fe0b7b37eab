import { invalid, show } from './errors';
import type { Matcher } from './matcher';

/**
 * EventBridge compares numbers as fixed-point values between -5e9 and 5e9 with six decimals
 * (event-ruler's ComparableNumber): a pattern operand outside that is refused, and an event value
 * outside it never satisfies `numeric`.
 */
const LIMIT = 5e9;
const MAX_DECIMALS = 6;

/** Digits after the decimal point, read from the shortest text that round-trips (`1e-7` has 7). */
const decimals = (n: number): number => {
  const [mantissa = '', exponent = '0'] = String(n).split('e');
  const fraction = mantissa.split('.')[1] ?? '';
  return Math.max(0, fraction.length - Number(exponent));
};

export const isComparable = (n: number): boolean => Math.abs(n) <= LIMIT && decimals(n) <= MAX_DECIMALS;

/** Checks a number the pattern compares with, as event-ruler does before building its range. */
export const comparableOperand = (value: unknown, operator: string): number => {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    return invalid(`the value after "${operator}" must be a number, not ${show(value)}`);
  }
  if (!isComparable(value)) {
    return invalid(`${value} is outside what numeric matching supports (-5e9 to 5e9, at most 6 decimals)`);
  }
  return value;
};

const LOWER = new Set(['>', '>=']);
const UPPER = new Set(['<', '<=']);
const OPERATORS = new Set(['=', ...LOWER, ...UPPER]);

const holds = (operator: string, value: number, operand: number): boolean =>
  ({ '=': value === operand, '>': value > operand, '>=': value >= operand, '<': value < operand, '<=': value <= operand })[
    operator
  ] ?? false;

/**
 * `numeric: [op, n]` or `numeric: [">" | ">=", low, "<" | "<=", high]`: a single comparison, or a
 * range whose lower bound comes first and is below the upper one. Anything else is refused the way
 * PutRule refuses it.
 */
export const compileNumeric = (terms: unknown): Matcher => {
  if (!Array.isArray(terms)) return invalid(`numeric takes an array such as [">", 0, "<=", 5], not ${show(terms)}`);
  const [first, firstOperand, second, secondOperand] = terms as unknown[];
  if (typeof first !== 'string' || !OPERATORS.has(first)) {
    return invalid(`numeric must start with one of "=", "<", "<=", ">", ">=", not ${show(first)}`);
  }
  const low = comparableOperand(firstOperand, first);
  if (terms.length === 2) return (value) => typeof value === 'number' && isComparable(value) && holds(first, value, low);
  if (!LOWER.has(first)) return invalid(`numeric with "${first}" takes exactly one number`);
  if (typeof second !== 'string' || !UPPER.has(second)) {
    return invalid(`a numeric range continues with "<" or "<=", not ${show(second)}`);
  }
  const high = comparableOperand(secondOperand, second);
  if (terms.length > 4) return invalid('a numeric range has at most two comparisons');
  if (low >= high) return invalid(`a numeric range needs its lower bound (${low}) below its upper bound (${high})`);
  return (value) =>
    typeof value === 'number' && isComparable(value) && holds(first, value, low) && holds(second, value, high);
};

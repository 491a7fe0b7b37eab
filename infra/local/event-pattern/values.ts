import { compileAnythingBut } from './anything-but';
import { at, invalid, isRecord, show } from './errors';
import { compileCidr, sameIp } from './ip';
import type { Leaf, Matcher } from './matcher';
import { compileNumeric } from './numeric';
import { compileAffix, equalsIgnoreCase, type StringTest, stringOperand, wildcard } from './strings';

/** What one field of the pattern asks of the event: leaf tests (any may match), or the field's absence. */
export interface FieldRule {
  /** The field's dotted path in the event, as event-ruler flattens it (`detail.state`). */
  readonly name: string;
  readonly matchers: readonly Matcher[];
  /** True when the list holds `{ "exists": false }`. */
  readonly matchesAbsence: boolean;
}

// `{ "exists": false }` tests no leaf: it holds when there is none, so it is marked apart.
const ABSENT = Symbol('absent');

/** `[value, value, …]` at `path`: a non-empty list, any of whose entries may match. */
export const compileFieldRule = (name: string, path: string, values: readonly unknown[]): FieldRule => {
  if (values.length === 0) at(path, () => invalid('an empty list matches nothing; give at least one value'));
  const compiled = values.map((value, i) => at(`${path}[${i}]`, () => compileValue(value)));
  return {
    name,
    matchers: compiled.filter((c): c is Matcher => c !== ABSENT),
    matchesAbsence: compiled.includes(ABSENT),
  };
};

const compileValue = (value: unknown): Matcher | typeof ABSENT => {
  if (isRecord(value)) return compileExpression(value);
  if (typeof value === 'string') return exactString(value);
  if (typeof value === 'number' && Number.isFinite(value)) return (leaf) => leaf === value;
  if (typeof value === 'boolean' || value === null) return (leaf) => leaf === value;
  return invalid(`a match value is a string, number, true, false, null or an operator object, not ${show(value)}`);
};

/** An exact string; one that is an IP address also matches other spellings of that address, as in event-ruler. */
const exactString = (expected: string): Matcher => {
  const ip = sameIp(expected);
  return (leaf) => leaf === expected || (ip !== undefined && ip(leaf));
};

const onStrings =
  (test: StringTest): Matcher =>
  (leaf: Leaf) =>
    typeof leaf === 'string' && test(leaf);

const OPERATORS: Record<string, (operand: unknown) => Matcher | typeof ABSENT> = {
  prefix: (operand) => onStrings(compileAffix('prefix', operand)),
  suffix: (operand) => onStrings(compileAffix('suffix', operand)),
  'equals-ignore-case': (operand) => onStrings(equalsIgnoreCase(stringOperand(operand, 'equals-ignore-case'))),
  wildcard: (operand) => onStrings(wildcard(stringOperand(operand, 'wildcard'))),
  'anything-but': compileAnythingBut,
  numeric: compileNumeric,
  cidr: compileCidr,
  exists: (operand) => {
    if (typeof operand !== 'boolean') return invalid(`exists takes true or false, not ${show(operand)}`);
    // exists: true is satisfied by any leaf, null included; exists: false by no leaf at all.
    return operand ? () => true : ABSENT;
  },
};

/** `{ operator: operand }`: exactly one operator EventBridge documents. */
const compileExpression = (expression: Record<string, unknown>): Matcher | typeof ABSENT => {
  const operators = Object.keys(expression);
  if (operators.length !== 1) {
    return invalid(`an operator object holds exactly one operator, not ${operators.length}: ${show(expression)}`);
  }
  const [operator = ''] = operators;
  const compile = Object.hasOwn(OPERATORS, operator) ? OPERATORS[operator] : undefined;
  if (!compile) return invalid(`unknown operator "${operator}"`);
  return compile(expression[operator]);
};

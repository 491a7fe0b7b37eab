import { invalid, isRecord, show } from './errors';

/** A test on a string leaf; the operators built from these match strings only. */
export type StringTest = (value: string) => boolean;

// Case folding by lower-casing both sides, as equals-ignore-case is documented ("alice" matches "ALICE").
const fold = (s: string) => s.toLowerCase();

export const equalsIgnoreCase =
  (expected: string): StringTest =>
  (value) =>
    fold(value) === fold(expected);

export const prefix =
  (start: string, ignoreCase = false): StringTest =>
  (value) =>
    ignoreCase ? fold(value).startsWith(fold(start)) : value.startsWith(start);

export const suffix =
  (end: string, ignoreCase = false): StringTest =>
  (value) =>
    ignoreCase ? fold(value).endsWith(fold(end)) : value.endsWith(end);

const REGEXP_SYNTAX = /[\\^$.*+?()[\]{}|/]/g;

/**
 * `wildcard`: `*` stands for any run of characters (none included), `\*` for a star and `\\` for a
 * backslash. event-ruler refuses `**` and any other backslash escape, so this does too.
 */
export const wildcard = (pattern: string): StringTest => {
  let source = '';
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern.charAt(i);
    if (char === '*') {
      if (pattern.charAt(i + 1) === '*') invalid(`wildcard ${show(pattern)} has consecutive "*" at index ${i}`);
      source += '[\\s\\S]*';
    } else if (char === '\\') {
      const escaped = pattern.charAt(i + 1);
      if (escaped !== '*' && escaped !== '\\') {
        invalid(`wildcard ${show(pattern)} has an invalid escape at index ${i}: only \\* and \\\\ are allowed`);
      }
      source += `\\${escaped}`;
      i++;
    } else {
      source += char.replace(REGEXP_SYNTAX, '\\$&');
    }
  }
  const regexp = new RegExp(`^${source}$`);
  return (value) => regexp.test(value);
};

/** The string a string-only operator takes; `what` names it in the reason. */
export const stringOperand = (value: unknown, what: string): string =>
  typeof value === 'string' ? value : invalid(`${what} takes a string, not ${show(value)}`);

/**
 * `prefix` and `suffix` take a string, or `{ "equals-ignore-case": string }` to ignore case.
 */
export const compileAffix = (operator: 'prefix' | 'suffix', spec: unknown): StringTest => {
  const build = operator === 'prefix' ? prefix : suffix;
  if (!isRecord(spec)) return build(stringOperand(spec, operator));
  const keys = Object.keys(spec);
  if (keys.length !== 1 || keys[0] !== 'equals-ignore-case') {
    return invalid(`${operator} takes a string or { "equals-ignore-case": string }, not ${show(spec)}`);
  }
  return build(stringOperand(spec['equals-ignore-case'], `${operator} equals-ignore-case`), true);
};

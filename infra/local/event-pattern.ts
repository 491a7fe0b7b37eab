import type { EventPattern, PatternValue } from '#wiring';

/**
 * EventBridge event-pattern matching, for the syntax the wiring uses: exact values (a list is an
 * OR), nested objects (AND across fields), `prefix`, `anything-but`, `numeric` and `exists`. An
 * array in the event matches when any of its elements does. No EventBridge emulator exists on
 * npm, so this is ours, tested against the examples of the EventBridge user guide.
 */
export const matchesPattern = (pattern: EventPattern, event: unknown): boolean =>
  Object.entries(pattern).every(([field, rule]) => {
    const value = isRecord(event) ? event[field] : undefined;
    if (Array.isArray(rule)) return matchesValues(rule as readonly PatternValue[], value);
    return isRecord(value) && matchesPattern(rule as EventPattern, value);
  });

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

const matchesValues = (rules: readonly PatternValue[], value: unknown): boolean => {
  // `exists: false` matches only when the field is absent; every other rule needs it present.
  if (rules.some((r) => isRecord(r) && 'exists' in r)) {
    const wanted = rules.find((r): r is { exists: boolean } => isRecord(r) && 'exists' in r);
    return wanted?.exists === (value !== undefined);
  }
  if (value === undefined) return false;
  const candidates = Array.isArray(value) ? value : [value];
  return candidates.some((candidate) => rules.some((rule) => matchesOne(rule, candidate)));
};

const matchesOne = (rule: PatternValue, value: unknown): boolean => {
  if (!isRecord(rule)) return rule === value;
  if ('prefix' in rule) return typeof value === 'string' && value.startsWith(rule.prefix);
  if ('anything-but' in rule) {
    const excluded = rule['anything-but'];
    return !(Array.isArray(excluded) ? excluded : [excluded]).includes(value as string | number);
  }
  if ('numeric' in rule) return typeof value === 'number' && matchesNumeric(rule.numeric, value);
  return false;
};

const comparisons: Record<string, (a: number, b: number) => boolean> = {
  '<': (a, b) => a < b,
  '<=': (a, b) => a <= b,
  '=': (a, b) => a === b,
  '>': (a, b) => a > b,
  '>=': (a, b) => a >= b,
};

/** `numeric: ['>', 0, '<=', 5]`: every (operator, operand) pair must hold. */
const matchesNumeric = (conditions: readonly (string | number)[], value: number): boolean => {
  for (let i = 0; i < conditions.length; i += 2) {
    const compare = comparisons[String(conditions[i])];
    const operand = conditions[i + 1];
    if (!compare || typeof operand !== 'number' || !compare(value, operand)) return false;
  }
  return true;
};

/** Thrown by the helpers that check one piece of a pattern; they do not know where that piece sits. */
export class PatternProblem extends Error {}

/** Thrown to callers: the reason, and where in the pattern it applies (dotted, `$or[i]` and `[i]` included). */
export class InvalidEventPatternError extends Error {
  constructor(
    readonly path: string,
    readonly reason: string,
  ) {
    super(path ? `event pattern at ${path}: ${reason}` : `event pattern: ${reason}`);
    this.name = 'InvalidEventPatternError';
  }
}

export const invalid = (reason: string): never => {
  throw new PatternProblem(reason);
};

/** Runs `check`, giving a `PatternProblem` the path it was found at. */
export const at = <T>(path: string, check: () => T): T => {
  try {
    return check();
  } catch (error) {
    if (error instanceof PatternProblem) throw new InvalidEventPatternError(path, error.message);
    throw error;
  }
};

export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** How a value shows in a reason: JSON, so `"5"` and `5` read differently. */
export const show = (value: unknown): string => (value === undefined ? 'nothing' : JSON.stringify(value));

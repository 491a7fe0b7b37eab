import * as z from 'zod/mini';
import { ValidationError, type FieldError } from '#kernel/errors';
import '#kernel/zod-locale';

/**
 * zod issues as `{ path, message }` naming the field. An unknown key becomes one error per key,
 * at the key's own path, so a client sees exactly which field to remove.
 */
export const fieldErrors = (issues: readonly z.core.$ZodIssue[], prefix: string): FieldError[] =>
  issues.flatMap((issue) => {
    const at = (extra: PropertyKey[] = []) =>
      [prefix, ...[...issue.path, ...extra].map(String)].filter((p) => p !== '').join('.') || prefix || '(root)';
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ path: at([key]), message: 'is not a known field' }));
    }
    return [{ path: at(), message: issue.message }];
  });

/** Parses `input` with `schema`, or throws a 400 ValidationError naming the fields. */
export const parseInput = <S extends z.core.$ZodType>(schema: S, input: unknown, prefix: string): z.infer<S> => {
  const result = z.safeParse(schema, input);
  if (result.success) return result.data;
  const errors = fieldErrors(result.error.issues, prefix);
  throw new ValidationError(`The request is not valid: ${errors.map((e) => `${e.path} ${e.message}`).join('; ')}.`, errors);
};

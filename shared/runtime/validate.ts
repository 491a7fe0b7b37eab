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

/**
 * The most fields a 400 names: a small body of thousands of unknown keys would otherwise be
 * answered by a problem many times its size (and logged as such). The detail counts the rest.
 */
export const MAX_FIELD_ERRORS = 50;

/** Parses `input` with `schema`, or throws a 400 ValidationError naming the fields (the first `MAX_FIELD_ERRORS`). */
export const parseInput = <S extends z.core.$ZodType>(schema: S, input: unknown, prefix: string): z.infer<S> => {
  const result = z.safeParse(schema, input);
  if (result.success) return result.data;
  const all = fieldErrors(result.error.issues, prefix);
  const errors = all.slice(0, MAX_FIELD_ERRORS);
  const more = all.length > errors.length ? `; and ${all.length - errors.length} more` : '';
  throw new ValidationError(`The request is not valid: ${errors.map((e) => `${e.path} ${e.message}`).join('; ')}${more}.`, errors);
};

import * as z from 'zod';

/**
 * Reads the environment once, at module load, and fails with a sentence naming what is missing.
 * Each function's composition root calls `loadConfig` with the schema of what it needs.
 */
export const loadConfig = <S extends z.ZodType>(schema: S, env: NodeJS.ProcessEnv = process.env): z.infer<S> => {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const names = parsed.error.issues.map((i) => i.path.join('.')).join(', ');
    throw new Error(`Configuration is incomplete: set the environment variable(s) ${names}.`);
  }
  return parsed.data;
};

export const TableConfig = z.object({ TABLE_NAME: z.string().min(1) });
export const BusConfig = z.object({ EVENT_BUS_NAME: z.string().min(1) });
export const IdempotencyConfig = z.object({ IDEMPOTENCY_TABLE_NAME: z.string().min(1) });

import * as z from 'zod';

export const DeadLettersSchema = z
  .object({
    queues: z.array(
      z.object({
        name: z.string(),
        count: z.number().int(),
        oldestAgeSeconds: z.number().int().nullable(),
        messages: z.array(z.object({ id: z.string(), eventType: z.string().nullable(), eventId: z.string().nullable(), receiveCount: z.number().int(), body: z.string() })),
      }),
    ),
  })
  .meta({ id: 'DeadLetters', description: 'Each worker queue\'s dead letters: count, age of the oldest, a peek at the first messages.' });

export const QueueParamsSchema = z.strictObject({ queue: z.string().regex(/^[a-z][a-z0-9-]{0,40}$/, 'is not a queue name') });

export const RedriveSchema = z.object({ queue: z.string(), taskId: z.string() }).meta({ id: 'Redrive' });

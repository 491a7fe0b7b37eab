import * as z from 'zod/mini';
import { deferred } from '#kernel/deferred';

export const DeadLettersSchema = /* @__PURE__ */ deferred(() => z
  .object({
    queues: z.array(
      z.object({
        name: z.string(),
        count: z.number().check(z.int()),
        oldestAgeSeconds: z.nullable(z.number().check(z.int())),
        messages: z.array(
          z.object({ id: z.string(), eventType: z.nullable(z.string()), eventId: z.nullable(z.string()), receiveCount: z.number().check(z.int()), body: z.string() }),
        ),
      }),
    ),
  })
  .check(z.meta({ id: 'DeadLetters', description: 'Each worker queue\'s dead letters: count, age of the oldest, a peek at the first messages.' })));

export const QueueParamsSchema = /* @__PURE__ */ deferred(() => z.strictObject({ queue: z.string().check(z.regex(/^[a-z][a-z0-9-]{0,40}$/, 'is not a queue name')) }));

export const RedriveSchema = /* @__PURE__ */ deferred(() => z.object({ queue: z.string(), taskId: z.string() }).check(z.meta({ id: 'Redrive' })));

import { NotFoundError } from '#kernel/errors';
import type { DeadLetters } from './ports';

/** Every DLQ with its count, the age of its oldest message, and a peek at the first messages. */
export const listDeadLetters = async (deps: { deadLetters: DeadLetters }) => ({ queues: await deps.deadLetters.list() });

/**
 * Sends a DLQ's messages back to their queue, where the worker takes them again; consumers
 * remember the event ids they applied, so a redriven message is processed once.
 */
export const redriveDeadLetters = async (deps: { deadLetters: DeadLetters }, queue: string) => {
  if (!deps.deadLetters.names().includes(queue)) throw new NotFoundError(`There is no queue ${queue}.`, [{ path: 'path.queue', message: `must be one of ${deps.deadLetters.names().join(', ')}` }]);
  const { taskId } = await deps.deadLetters.redrive(queue);
  return { queue, taskId };
};

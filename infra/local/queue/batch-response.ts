/**
 * What Lambda makes of the value a function returns for a batch of SQS messages, with
 * `ReportBatchItemFailures` on (the wiring turns it on for every queue).
 *
 * The Lambda developer guide ("Handling errors for an SQS event source in Lambda", success and
 * failure conditions):
 * - "Lambda treats a batch as a complete success if your function returns any of the following:
 *   an empty batchItemFailures list, a null batchItemFailures list, an empty EventResponse,
 *   a null EventResponse."
 * - "Lambda treats a batch as a complete failure if your function returns any of the following:
 *   an invalid JSON response, an empty string itemIdentifier, a null itemIdentifier, an
 *   itemIdentifier with a bad key name, an itemIdentifier value with a message ID that doesn't
 *   exist."
 * - "If your function throws an exception, the entire batch is considered a complete failure."
 *   (handled by the caller, which never gets a value to read).
 *
 * The value goes through JSON first, as Lambda's runtime serializes it: what cannot be serialized
 * (a BigInt, a cycle) is the "invalid JSON response". An object without `batchItemFailures`
 * deserializes to a response whose list is null: a complete success. A value that is not an
 * object at all (a string, a number, an array) is no EventResponse: a complete failure.
 */
export type BatchOutcome =
  | { kind: 'success' }
  | { kind: 'partial'; failed: ReadonlySet<string> }
  | { kind: 'failure'; reason: string };

const success: BatchOutcome = { kind: 'success' };
const failure = (reason: string): BatchOutcome => ({ kind: 'failure', reason });

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export const readBatchResponse = (returned: unknown, batchIds: ReadonlySet<string>): BatchOutcome => {
  let json: unknown;
  try {
    const text = JSON.stringify(returned);
    json = text === undefined ? null : (JSON.parse(text) as unknown);
  } catch (error) {
    return failure(`invalid JSON response (${error instanceof Error ? error.message : String(error)})`);
  }
  if (json === null) return success; // a null EventResponse
  if (!isObject(json)) return failure(`invalid response: ${Array.isArray(json) ? 'an array' : typeof json}, not an EventResponse`);
  const list = json.batchItemFailures;
  if (list === undefined || list === null) return success; // an empty EventResponse, a null list
  if (!Array.isArray(list)) return failure('invalid response: batchItemFailures is not a list');
  if (list.length === 0) return success;
  const failed = new Set<string>();
  for (const entry of list) {
    if (!isObject(entry)) return failure('invalid response: a batchItemFailures entry is not an object');
    if (!('itemIdentifier' in entry)) return failure(`an itemIdentifier with a bad key name (${Object.keys(entry).join(', ') || 'no key'})`);
    const id = entry.itemIdentifier;
    if (id === null) return failure('a null itemIdentifier');
    if (id === '') return failure('an empty string itemIdentifier');
    if (typeof id !== 'string' || !batchIds.has(id)) return failure(`an itemIdentifier that is no message of the batch (${JSON.stringify(id)})`);
    failed.add(id);
  }
  return { kind: 'partial', failed };
};

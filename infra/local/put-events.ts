import { entryBytes, MAX_CALL_BYTES, MAX_CALL_ENTRIES } from '#runtime/put-events';
import type { LocalBus } from './bus';

/**
 * A PutEvents call that goes wrong, as EventBridge's can:
 * - `whole`: the call fails (HTTP 500 `InternalException`); the SDK throws, after its own retries.
 * - `partial`: the call answers 200 with `FailedEntryCount` ≥ 1: some entries are refused
 *   (`InternalFailure`), the others are on the bus. With `random` the failed entries are drawn;
 *   without, every other entry fails, the first included, so a call of one entry fails it and a
 *   call of several keeps some.
 */
export type PutEventsFault = { kind: 'whole' } | { kind: 'partial'; random?: () => number };

interface PutEventsEntry {
  EventBusName?: string;
  Source?: string;
  DetailType?: string;
  Detail?: string;
  Time?: number | string;
}

export interface AwsReply {
  status: number;
  payload: unknown;
}

/** Which entries of a partly failed call fail: at least one; with two or more, not all. */
export const failedEntries = (count: number, random?: () => number): Set<number> => {
  const failed = new Set<number>();
  for (let i = 0; i < count; i++) if (random ? random() < 0.5 : i % 2 === 0) failed.add(i);
  if (failed.size === 0 && count > 0) failed.add(random ? Math.floor(random() * count) : 0);
  if (count > 1 && failed.size === count) failed.delete(random ? Math.floor(random() * count) : count - 1);
  return failed;
};

/** EventBridge's count of an entry against a call's 256 KB, as the publishers count it. */
const entrySize = (e: PutEventsEntry) => entryBytes(e.Source ?? '', e.DetailType ?? '', e.Detail ?? '');

const validationError = (message: string): AwsReply => ({ status: 400, payload: { __type: 'ValidationException', message } });

const detailOf = (text: string): Record<string, unknown> | undefined => {
  try {
    const detail: unknown = JSON.parse(text);
    return typeof detail === 'object' && detail !== null && !Array.isArray(detail) ? (detail as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
};

/**
 * EventBridge PutEvents (JSON 1.1) onto the local bus, refusing what EventBridge refuses: a call of
 * no entry or more than 10, or over 256 KB in all, whole (`ValidationException`); an entry without
 * Source, DetailType or Detail (`InvalidArgument`), or whose Detail is no JSON object
 * (`MalformedDetail`), on its own. An entry for no bus, or `default`, goes to the default bus, where
 * no rule of ours listens: accepted, and on no queue; one for a bus that does not exist is refused.
 * A `Time` given is kept (the SDK sends epoch seconds).
 */
export const putEvents = (bus: Pick<LocalBus, 'put'>, body: string, fault?: PutEventsFault, busName?: string): AwsReply => {
  const { Entries = [] } = JSON.parse(body) as { Entries?: PutEventsEntry[] };
  if (Entries.length < 1 || Entries.length > MAX_CALL_ENTRIES) {
    return validationError(`1 validation error detected: Value at 'entries' failed to satisfy constraint: Member must have length less than or equal to ${MAX_CALL_ENTRIES} and greater than or equal to 1`);
  }
  const bytes = Entries.reduce((sum, e) => sum + entrySize(e), 0);
  if (bytes > MAX_CALL_BYTES) return validationError(`Total size of the entries in the request is over the limit (${bytes} bytes, at most ${MAX_CALL_BYTES}).`);
  if (fault?.kind === 'whole') {
    return { status: 500, payload: { __type: 'InternalException', message: 'An internal error occurred (injected by the local runtime).' } };
  }
  const failed = fault?.kind === 'partial' ? failedEntries(Entries.length, fault.random) : new Set<number>();
  const results = Entries.map((entry, i) => {
    if (failed.has(i)) return { ErrorCode: 'InternalFailure', ErrorMessage: 'The entry could not be put (injected by the local runtime).' };
    if (!entry.Source || !entry.DetailType || !entry.Detail) {
      return { ErrorCode: 'InvalidArgument', ErrorMessage: 'Source, DetailType and Detail are required' };
    }
    const detail = detailOf(entry.Detail);
    if (!detail) return { ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed.' };
    const target = entry.EventBusName?.split('/').pop();
    if (target === undefined || target === 'default') return { EventId: `default-bus-${i}-${Date.now()}` };
    if (busName !== undefined && target !== busName) return { ErrorCode: 'ResourceNotFoundException', ErrorMessage: `Event bus ${entry.EventBusName} does not exist.` };
    const time = entry.Time === undefined ? undefined : new Date(typeof entry.Time === 'number' ? entry.Time * 1000 : entry.Time);
    return { EventId: bus.put({ source: entry.Source, detailType: entry.DetailType, detail, ...(time && { time }) }) };
  });
  return { status: 200, payload: { FailedEntryCount: results.filter((r) => 'ErrorCode' in r).length, Entries: results } };
};

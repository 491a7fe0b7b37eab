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

/**
 * EventBridge PutEvents (JSON 1.1) onto the local bus. An entry without Source, DetailType or
 * Detail is refused on its own (`InvalidArgument`), as EventBridge refuses it; a `Time` given is
 * kept (the SDK sends epoch seconds).
 */
export const putEvents = (bus: Pick<LocalBus, 'put'>, body: string, fault?: PutEventsFault): AwsReply => {
  if (fault?.kind === 'whole') {
    return { status: 500, payload: { __type: 'InternalException', message: 'An internal error occurred (injected by the local runtime).' } };
  }
  const { Entries = [] } = JSON.parse(body) as { Entries?: PutEventsEntry[] };
  const failed = fault?.kind === 'partial' ? failedEntries(Entries.length, fault.random) : new Set<number>();
  const results = Entries.map((entry, i) => {
    if (failed.has(i)) return { ErrorCode: 'InternalFailure', ErrorMessage: 'The entry could not be put (injected by the local runtime).' };
    if (!entry.Source || !entry.DetailType || !entry.Detail) {
      return { ErrorCode: 'InvalidArgument', ErrorMessage: 'Source, DetailType and Detail are required' };
    }
    const time = entry.Time === undefined ? undefined : new Date(typeof entry.Time === 'number' ? entry.Time * 1000 : entry.Time);
    return { EventId: bus.put({ source: entry.Source, detailType: entry.DetailType, detail: JSON.parse(entry.Detail), ...(time && { time }) }) };
  });
  return { status: 200, payload: { FailedEntryCount: results.filter((r) => 'ErrorCode' in r).length, Entries: results } };
};

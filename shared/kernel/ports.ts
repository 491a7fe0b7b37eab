/**
 * What every use case may take as an argument, so the domain stays free of clocks and random ids.
 */

/** The time now. Passed in, never read from `Date.now()` inside the domain. */
export type Clock = () => Date;

/** A new unique id. Passed in, never generated inside the domain. */
export type IdGenerator = () => string;

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/**
 * The shop's calendar is that of Paris: its invoices, credit notes and emails are dated there, a
 * withdrawal window ends at its midnight, and a numbering series is the year of its documents'
 * dates (a series of 2026 never holds a document dated 1 January 2027, as an invoice paid at
 * 23:30 UTC on 31 December would be).
 */
export const SHOP_TIME_ZONE = 'Europe/Paris';

// Made on first use, not at load: a formatter with a time zone loads ICU's zone data, some 12 ms
// of a cold start that most requests never need (measured by `npm run bench`).
let wallClock: Intl.DateTimeFormat | undefined;
const shopWallClock = () =>
  (wallClock ??= new Intl.DateTimeFormat('en-US', {
    timeZone: SHOP_TIME_ZONE,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  }));

/** How far the shop's wall clock is ahead of UTC at an instant (summer time included), in ms. */
export const shopOffsetMs = (instant: number): number => {
  const parts = Object.fromEntries(shopWallClock().formatToParts(new Date(instant)).map((p) => [p.type, Number(p.value)])) as Record<string, number>;
  const wall = Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!, parts.second!);
  return wall - (instant - (instant % 1000));
};

/** The year of an instant on the shop's calendar: the year its documents are dated in. */
export const shopYear = (at: Date): number => new Date(at.getTime() + shopOffsetMs(at.getTime())).getUTCFullYear();

/** The day `YYYY-MM-DD` of an instant on the shop's calendar: the day its documents bear. */
export const shopDay = (at: string | Date): string => {
  const instant = new Date(at).getTime();
  return new Date(instant + shopOffsetMs(instant)).toISOString().slice(0, 10);
};

/** The instant a day `YYYY-MM-DD` of the shop's calendar begins (its midnight, summer time included). */
export const shopDayStart = (day: string): Date => {
  const wall = Date.parse(`${day}T00:00:00.000Z`);
  // The offset at midnight may differ from the one read at the wall time (summer time): settle it on the result.
  const guess = wall - shopOffsetMs(wall);
  return new Date(wall - shopOffsetMs(guess));
};

/** Midnight on the shop's calendar that starts the `days`-th day after the one `instant` falls on. */
export const shopMidnightAfter = (instant: number, days: number): Date => {
  const day = new Date(`${shopDay(new Date(instant))}T00:00:00.000Z`);
  day.setUTCDate(day.getUTCDate() + days);
  return shopDayStart(day.toISOString().slice(0, 10));
};

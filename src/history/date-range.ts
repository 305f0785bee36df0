/**
 * The day range of `history`, `compare` and the API: `--from`/`--to` as UTC days, a month by
 * default. Days are bounded to 1970-01-01 … 2100-12-31 (a container image has no history outside
 * them, and an unbounded range is unbounded work); a caller may bound the length too (the server's
 * `--max-range-days`).
 */
import { InputError } from '../errors.js';
import { dayOf, parseFeedTime, parseUserTime } from '../time/instant.js';

export interface DayRange {
  /** first and last UTC day, inclusive (YYYY-MM-DD) */
  from: string;
  to: string;
}

/** The first and last day any range may hold. */
export const FIRST_DAY = '1970-01-01';
export const LAST_DAY = '2100-12-31';

export interface DayRangeOptions {
  /** how the error sentences name the two inputs (default `--from`, `--to`; the API: `from`, `to`) */
  names?: { from: string; to: string };
  /** the most days a range may hold (inclusive count); absent: no bound but 1970–2100 */
  maxDays?: number;
}

const DAY_MS = 86_400_000;

/** The UTC day `n` days after `day` (negative: before). */
export function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00.000Z`) + n * DAY_MS).toISOString().slice(0, 10);
}

/** How many days `range` holds (both ends counted). */
export function rangeDays(range: DayRange): number {
  return (
    Math.round((Date.parse(`${range.to}T00:00:00Z`) - Date.parse(`${range.from}T00:00:00Z`)) / DAY_MS) + 1
  );
}

/** Every UTC day from `from` to `to`, inclusive. */
export function daysOf(range: DayRange): string[] {
  const days: string[] = [];
  const last = Date.parse(`${range.to}T00:00:00.000Z`);
  for (let t = Date.parse(`${range.from}T00:00:00.000Z`); t <= last; t += DAY_MS)
    days.push(new Date(t).toISOString().slice(0, 10));
  return days;
}

// the year as written: Date.UTC reads years 0–99 as 1900–1999, so the text decides
function boundedDay(text: string, name: string, now: Date): string {
  // a range is whole UTC days: a time of day would be cut off without a word
  if (/^\s*\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}/.test(text))
    throw new InputError(
      `${name}: "${text}" has a time of day; a range is made of whole UTC days, write ${text.trim().slice(0, 10)}`,
    );
  const year = /^\s*([+-]?\d+)-/.exec(text)?.[1];
  const day = dayOf(parseUserTime(text, name, now));
  if (
    (year !== undefined && (Number(year) < 1970 || Number(year) > 2100)) ||
    day < FIRST_DAY ||
    day > LAST_DAY
  )
    throw new InputError(`${name}: "${text}" is outside ${FIRST_DAY} … ${LAST_DAY}`);
  return day;
}

/**
 * Reads `--from`/`--to` (dates or ISO times, read by src/time/instant.ts): `--to` defaults to
 * today, `--from` to 29 days before `--to` (30 days, the console's month). `--from` after `--to`,
 * a day outside 1970–2100 or a range longer than `maxDays` is an input error naming the input.
 */
export function dayRange(
  from: string | undefined,
  to: string | undefined,
  now: Date = new Date(),
  options: DayRangeOptions = {},
): DayRange {
  const names = options.names ?? { from: '--from', to: '--to' };
  const last = to ? boundedDay(to, names.to, now) : dayOf(now.toISOString());
  const first = from ? boundedDay(from, names.from, now) : addDays(last, -29);
  if (first > last) throw new InputError(`${names.from} ${from} is after ${names.to} ${to ?? last}`);
  const range = { from: first, to: last };
  if (options.maxDays !== undefined && rangeDays(range) > options.maxDays)
    throw new InputError(
      `${names.from}: ${first} … ${last} holds ${rangeDays(range)} days, more than the ${options.maxDays} allowed (ask a shorter range)`,
    );
  return range;
}

/**
 * A time a file states (a scan's `CreatedAt`, a descriptor's `timestamp`): undefined when the file
 * states none; an InputError naming the file and the field when it states one that is not a time
 * or lies outside 1970–2100 (it would otherwise be recorded silently as "now").
 */
export function statedTime(text: string | undefined | null, what: string): string | undefined {
  if (text === undefined || text === null || text.trim() === '') return undefined;
  const year = /^\s*([+-]?\d+)-/.exec(text)?.[1];
  const parsed = parseFeedTime(text);
  if (parsed === undefined)
    throw new InputError(`${what} "${text}" is not a date and time (ISO 8601 such as 2024-05-15T00:00:00Z)`);
  if (
    (year !== undefined && (Number(year) < 1970 || Number(year) > 2100)) ||
    parsed < FIRST_DAY ||
    parsed > `${LAST_DAY}T23:59:59.999Z`
  )
    throw new InputError(`${what} "${text}" is outside ${FIRST_DAY} … ${LAST_DAY}`);
  return parsed;
}

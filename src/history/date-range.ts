/** The day range of `history` and `compare`: `--from`/`--to` as UTC days, a month by default. */
import { InputError } from '../errors.js';
import { dayOf, parseUserTime } from '../time/instant.js';

export interface DayRange {
  /** first and last UTC day, inclusive (YYYY-MM-DD) */
  from: string;
  to: string;
}

const DAY_MS = 86_400_000;

/** The UTC day `n` days after `day` (negative: before). */
export function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00.000Z`) + n * DAY_MS).toISOString().slice(0, 10);
}

/** Every UTC day from `from` to `to`, inclusive. */
export function daysOf(range: DayRange): string[] {
  const days: string[] = [];
  for (let day = range.from; day <= range.to; day = addDays(day, 1)) days.push(day);
  return days;
}

/**
 * Reads `--from`/`--to` (dates or ISO times, read by src/time/instant.ts): `--to` defaults to
 * today, `--from` to 29 days before `--to` (30 days, the console's month). `--from` after `--to`
 * is an input error.
 */
export function dayRange(from: string | undefined, to: string | undefined, now: Date = new Date()): DayRange {
  const last = dayOf(to ? parseUserTime(to, '--to', now) : now.toISOString());
  const first = from ? dayOf(parseUserTime(from, '--from', now)) : addDays(last, -29);
  if (first > last) throw new InputError(`--from ${from} is after --to ${to ?? last}`);
  return { from: first, to: last };
}

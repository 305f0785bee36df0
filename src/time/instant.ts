/**
 * The one time type of cleanroom: an instant, written as ISO 8601 in UTC with milliseconds
 * (`2024-02-29T23:30:00.000Z`). Every time that enters (a feed's timestamp, a user's `--as-of`)
 * is parsed here, so the host's time zone never decides a number, and two instants compare as
 * text exactly as they compare as times (fixed width, one zone).
 */
import { InputError } from '../errors.js';

/** An ISO 8601 UTC instant with milliseconds: comparable as text. */
export type Instant = string;

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
// date, time to the minute at least, optional fraction, optional zone (Z or ±HH[:]MM)
const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?\s*(Z|z|UTC|GMT|[+-]\d{2}:?\d{2})?$/;

/**
 * Parses a timestamp as a feed or a file writes it. A timestamp without a zone is UTC (CVE JSON 5,
 * OSV and the distributions' feeds define theirs so); a bare date is the start of that UTC day;
 * other forms (RFC 2822 of HTTP headers, "10 Jan 2024") are read as UTC unless they name a zone.
 * Returns undefined for text that is not a time.
 */
export function parseFeedTime(text: string | undefined | null): Instant | undefined {
  if (!text) return undefined;
  const value = text.trim();
  const day = DAY.exec(value);
  if (day) return checked(Date.UTC(+day[1]!, +day[2]! - 1, +day[3]!), value);
  const m = DATE_TIME.exec(value);
  if (m) {
    const [, y, mo, d, h, mi, s, frac, zone] = m;
    const ms = frac ? Math.round(Number(`0${frac}`) * 1000) : 0;
    let time = Date.UTC(+y!, +mo! - 1, +d!, +h!, +mi!, s ? +s : 0, ms);
    if (zone && /^[+-]/.test(zone)) {
      const digits = zone.replace(':', '');
      const offset = (Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5))) * 60_000;
      time -= zone.startsWith('-') ? -offset : offset;
    }
    return checked(time, `${y}-${mo}-${d}`);
  }
  if (/^\d+$/.test(value)) return undefined;
  // the rest (RFC 2822, "10 Jan 2024"): UTC unless the text names a zone itself
  const names = /(?:\b(?:UTC|GMT|UT|[ECMP][SD]T)\b|[+-]\d{4}\b|Z$)/.test(value);
  const time = Date.parse(names ? value : `${value} UTC`);
  return Number.isNaN(time) ? undefined : new Date(time).toISOString();
}

// Date.UTC rolls 2024-02-30 over into March: a date whose day does not exist is not a date
function checked(time: number, day: string): Instant | undefined {
  return Number.isNaN(time) || !realDay(day) ? undefined : new Date(time).toISOString();
}

/**
 * Parses a time a user gives (`--as-of`, `--at`, `--from`, an API parameter): a bare date means
 * the END of that UTC day ("as known on that day"), `now` is now, a time without a zone is UTC.
 * Anything else is an input error naming the option.
 */
export function parseUserTime(text: string, option: string, now: Date = new Date()): Instant {
  const value = text.trim();
  if (value.toLowerCase() === 'now') return now.toISOString();
  const day = DAY.exec(value);
  const time = parseFeedTime(value);
  if (time) return day ? endOfDay(time) : time;
  throw new InputError(`${option}: "${text}" is not a date (use YYYY-MM-DD or an ISO 8601 time)`);
}

/** The last millisecond of the UTC day an instant falls in. */
export function endOfDay(instant: Instant): Instant {
  return `${instant.slice(0, 10)}T23:59:59.999Z`;
}

/** The UTC day (YYYY-MM-DD) of an instant. */
export function dayOf(instant: Instant): string {
  return instant.slice(0, 10);
}

/** Whether `a` is strictly later than `b` (both instants; undefined is never later). */
export function isAfter(a: Instant | undefined, b: Instant): boolean {
  return a !== undefined && a > b;
}

// 2024-02-30 rolls over in Date.UTC; a user's date must name a real day
function realDay(text: string): boolean {
  const m = DAY.exec(text);
  if (!m) return true;
  const date = new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!));
  return date.getUTCMonth() === +m[2]! - 1 && date.getUTCDate() === +m[3]!;
}

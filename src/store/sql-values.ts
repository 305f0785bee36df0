/**
 * The known traps between SQLite and PostgreSQL, in one place: `count()` comes back as a string
 * on PG (bigint) and a number on SQLite; booleans are integers 0/1 on SQLite; JSON columns are
 * kept as plain text on both, so the same query and the same parse work everywhere.
 */
import { parseFeedTime } from '../time/instant.js';

/** A count or sum as a JS number, whatever the driver returned (PG gives bigint as string). */
export function toCount(value: string | number | bigint | null | undefined): number {
  if (value === null || value === undefined) return 0;
  return typeof value === 'number' ? value : Number(value);
}

/** A boolean as stored in an integer column on both dialects. */
export function fromBool(value: boolean | undefined): number | null {
  return value === undefined ? null : value ? 1 : 0;
}

/** A stored integer flag back as a boolean (null stays unknown). */
export function toBool(value: string | number | boolean | null | undefined): boolean | undefined {
  if (value === null || value === undefined) return undefined;
  return value === true || value === 1 || value === '1' || value === 't' || value === 'true';
}

/** A value for a JSON text column: undefined and empty arrays become NULL to keep rows small. */
export function toJsonText(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  if (Array.isArray(value) && value.length === 0) return null;
  return JSON.stringify(value);
}

/** A JSON text column back as data, with a fallback for NULL. */
export function fromJsonText<T>(text: string | null | undefined, fallback: T): T {
  return text ? (JSON.parse(text) as T) : fallback;
}

/**
 * A feed's date as a sortable ISO 8601 instant (UTC), so string comparison is time comparison in
 * SQL; a timestamp without a zone is UTC (src/time/instant.ts), never the host's zone.
 */
export function toIsoTime(value: string | undefined): string | undefined {
  return parseFeedTime(value);
}

/** Splits a list into chunks, for IN lists that stay under every driver's parameter limit. */
export function chunked<T>(items: readonly T[], size = 500): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

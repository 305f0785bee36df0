/**
 * The instant an observation stands for: `--at`, else the SBOM's own timestamp, else the scan.
 * A timestamp that is not a time, lies in the future or outside 1970–2100 is refused with one
 * sentence naming the file: it would become the tag's "latest" or silently "now" otherwise.
 */
import { InputError } from '../errors.js';
import { parseFeedTime, type Instant } from '../time/instant.js';

// a clock a little ahead of ours (another machine's) is not a future SBOM
const SKEW_MS = 15 * 60_000;

/** Checks an instant an observation would stand for. */
export function checkObservationTime(at: Instant, what: string, now: Date): Instant {
  const year = Number(at.slice(0, 4));
  if (year < 1970 || year > 2100) throw new InputError(`${what}: ${at} is outside 1970–2100`);
  if (Date.parse(at) > now.getTime() + SKEW_MS)
    throw new InputError(`${what}: ${at} is in the future (now is ${now.toISOString()})`);
  return at;
}

/** The instant of an observation of `source`. */
export function observationTime(
  source: string,
  sbomCreated: string | undefined,
  at: Instant | undefined,
  now: Date,
): Instant {
  if (at !== undefined) return checkObservationTime(at, '--at', now);
  if (sbomCreated === undefined || sbomCreated.trim() === '') return now.toISOString();
  const parsed = parseFeedTime(sbomCreated);
  if (parsed === undefined)
    throw new InputError(
      `${source}: its timestamp "${sbomCreated}" is not a date and time (ISO 8601 such as 2024-05-15T00:00:00Z)`,
    );
  return checkObservationTime(parsed, `${source}: its timestamp`, now);
}

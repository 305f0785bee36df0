/** Ages as people write them on the command line (`--max-age 7d`) and read them in `db status`. */
import { InputError } from '../../errors.js';

const UNITS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400, w: 604800 };

/** Parses an age like `7d`, `12h`, `30m`, `2w` into seconds. */
export function parseAge(text: string): number {
  const m = /^(\d+)\s*([smhdw])$/i.exec(text.trim());
  if (!m)
    throw new InputError(`cannot read the age "${text}"; write a number and a unit, like 7d, 12h or 2w`);
  return Number(m[1]) * UNITS[m[2]!.toLowerCase()]!;
}

/** An age in the largest whole unit that reads well: `3d 4h`, `5h 12m`, `40s`. */
export function formatAge(seconds: number): string {
  const d = Math.floor(seconds / 86400);
  const h = Math.floor((seconds % 86400) / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  if (d > 0) return `${d}d ${h}h`;
  if (h > 0) return `${h}h ${m}m`;
  return m > 0 ? `${m}m` : `${seconds}s`;
}

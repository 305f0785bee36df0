import { InvalidArgumentError } from '@commander-js/extra-typings';

/** Parses `--max-layer-bytes`: a positive whole number of bytes. */
export function parseByteCount(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n <= 0)
    throw new InvalidArgumentError('expected a positive whole number of bytes.');
  return n;
}

const SIZE_UNITS: Record<string, number> = { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3, t: 1024 ** 4 };

/** Parses a cache bound such as `500M`, `2GiB` or `1073741824` (binary units); 0 is allowed. */
export function parseByteSize(value: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*([kmgt]?)(?:i?b)?$/i.exec(value.trim());
  const n = m ? Math.floor(Number(m[1]) * SIZE_UNITS[m[2]!.toLowerCase()]!) : NaN;
  if (!Number.isSafeInteger(n) || n < 0)
    throw new InvalidArgumentError('expected a size in bytes, like 500M, 2G or 1073741824.');
  return n;
}

import { InvalidArgumentError } from '@commander-js/extra-typings';

/** Parses `--max-layer-bytes`: a positive whole number of bytes. */
export function parseByteCount(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n <= 0)
    throw new InvalidArgumentError('expected a positive whole number of bytes.');
  return n;
}

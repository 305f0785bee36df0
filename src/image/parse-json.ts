/** Parsing and checking the small JSON documents of an image: digest first, then JSON, then shape. */
import { createHash } from 'node:crypto';
import { InputError } from '../errors.js';
import { ShapeError, type Shape } from './json-shape.js';

/** `sha256:<hex>` of some bytes. */
export function sha256(bytes: Buffer): string {
  return 'sha256:' + createHash('sha256').update(bytes).digest('hex');
}

/** Throws unless `bytes` hash to `digest` (only sha256 is checked; other algorithms are refused). */
export function verifyDigest(bytes: Buffer, digest: string, what: string): void {
  if (!digest.startsWith('sha256:'))
    throw new InputError(
      `${what} uses digest algorithm ${digest.split(':')[0]}, which cleanroom does not support.`,
    );
  const actual = sha256(bytes);
  if (actual !== digest)
    throw new InputError(`${what} does not match its digest ${digest}: it hashes to ${actual}.`);
}

/** JSON bytes checked against a shape (json-shape.ts); any problem is one sentence naming `what`. */
export function parseJson<T>(bytes: Buffer, shape: Shape<T>, what: string): T {
  let raw: unknown;
  try {
    raw = JSON.parse(bytes.toString('utf8'));
  } catch (err) {
    throw new InputError(`${what} is not valid JSON (${(err as Error).message}).`);
  }
  try {
    return shape(raw, []);
  } catch (err) {
    if (!(err instanceof ShapeError)) throw err;
    const at = err.path.length === 0 ? '' : ` at ${err.path.join('.')}`;
    throw new InputError(`${what} is not valid${at}: ${err.message}.`);
  }
}

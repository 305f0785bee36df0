/** Parsing and checking the small JSON documents of an image: digest first, then JSON, then zod. */
import { createHash } from 'node:crypto';
import type { z } from 'zod';
import { InputError } from '../errors.js';

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

/** JSON bytes validated by a zod schema; any problem is one sentence naming `what`. */
export function parseJson<S extends z.ZodType>(bytes: Buffer, schema: S, what: string): z.infer<S> {
  let raw: unknown;
  try {
    raw = JSON.parse(bytes.toString('utf8'));
  } catch (err) {
    throw new InputError(`${what} is not valid JSON (${(err as Error).message}).`);
  }
  const result = schema.safeParse(raw);
  if (!result.success) {
    const issue = result.error.issues[0];
    const at = issue === undefined || issue.path.length === 0 ? '' : ` at ${issue.path.join('.')}`;
    throw new InputError(`${what} is not valid${at}: ${issue?.message ?? 'unexpected shape'}.`);
  }
  return result.data as z.infer<S>;
}

/**
 * The lock file (`--lock FILE`): the resolved version and hash of every package, per architecture.
 * When the file exists its versions are honoured (resolution may choose no other), and it is
 * rewritten with the closure that was built, so the same image file and lock give the same image.
 */
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { InputError } from '../errors.js';
import type { PackageRecord } from './packages-index.js';

const lockSchema = z.strictObject({
  schemaVersion: z.literal(1),
  suite: z.string(),
  architectures: z.record(
    z.string(),
    z.array(
      z.strictObject({
        name: z.string(),
        version: z.string(),
        sha256: z.string().regex(/^[0-9a-f]{64}$/),
        filename: z.string(),
      }),
    ),
  ),
});

/** A lock file's content. */
export type LockFile = z.infer<typeof lockSchema>;

/** Reads a lock file; undefined when it does not exist yet. */
export async function readLockFile(path: string): Promise<LockFile | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new InputError(`cannot read the lock file ${path}: ${(err as Error).message}`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new InputError(`the lock file ${path} is not JSON`);
  }
  const parsed = lockSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new InputError(
      `the lock file ${path} is not valid: ${issue.path.join('.') || 'the document'}: ${issue.message}`,
    );
  }
  return parsed.data;
}

/** The pinned versions of one architecture. */
export function lockPins(lock: LockFile | undefined, arch: string): Map<string, string> {
  return new Map((lock?.architectures[arch] ?? []).map((p) => [p.name, p.version]));
}

/** The text of a lock file for these closures. */
export function lockText(suite: string, closures: ReadonlyMap<string, readonly PackageRecord[]>): string {
  const architectures: LockFile['architectures'] = {};
  for (const [arch, packages] of [...closures].sort(([a], [b]) => (a < b ? -1 : 1)))
    architectures[arch] = packages.map((p) => ({
      name: p.name,
      version: p.version,
      sha256: p.sha256,
      filename: p.filename,
    }));
  return `${JSON.stringify({ schemaVersion: 1, suite, architectures } satisfies LockFile, null, 2)}\n`;
}

import { readArchiveFacts, type ArchiveFacts } from './archive-facts.js';

/**
 * The part of a Java archive the image reader keeps: its facts (and those of nested archives) as
 * JSON behind a magic line, a few hundred bytes to a few kilobytes instead of the whole jar. The
 * magic cannot start a ZIP archive (whose first bytes are `PK`), so `parse` tells the two apart.
 */
const MAGIC = Buffer.from('cleanroom-java-archive-facts/1\n');

/** The bytes worth keeping of an archive, or undefined when the content is not a ZIP archive. */
export function reduceArchive(content: Buffer): Buffer | undefined {
  const facts = readArchiveFacts(content);
  if (!facts) return undefined;
  return Buffer.concat([MAGIC, Buffer.from(JSON.stringify(facts))]);
}

/**
 * The facts of an archive given whole or as `reduceArchive` kept it; undefined for anything else
 * (including a kept part that fails validation: a file in an image may start with the magic).
 */
export async function archiveFacts(content: Buffer): Promise<ArchiveFacts[] | undefined> {
  if (!content.subarray(0, MAGIC.length).equals(MAGIC)) return readArchiveFacts(content);
  // the check (zod) loads only when an image has a Java archive
  const { FactsSchema } = await import('./facts-schema.js');
  try {
    const parsed = FactsSchema.safeParse(JSON.parse(content.subarray(MAGIC.length).toString('utf8')));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

import type { Kysely } from 'kysely';

// The distribution a peer's result names (Trivy's Metadata.OS, Grype's distro) for a digest
// known only from that result: without an inventory there is no os-release to read it from,
// and the Directory would list the image as of an unknown distribution.

/** Adds the digest's distribution (JSON of { id, versionId, prettyName }), NULL where unknown. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('digest').addColumn('distro', 'text').execute();
}

/** Drops it. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('digest').dropColumn('distro').execute();
}

import type { Kysely } from 'kysely';

// Where a watch came from: `cli` (the operator's `watch add`, free to reach any registry) or `api`
// (a write token's POST /api/watches): a worker pulls an `api` watch under the server's egress
// policy (src/image/registry/egress-policy.ts), realms and redirects included.

/** Adds the origin of each watch; the existing ones are the operator's. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('watch')
    .addColumn('origin', 'text', (c) => c.notNull().defaultTo('cli'))
    .execute();
}

/** Drops the origin. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('watch').dropColumn('origin').execute();
}

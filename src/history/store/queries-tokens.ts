/**
 * API tokens (`cleanroom token create|list|revoke`, the server's Bearer check). A token is
 * `crt_<id>_<secret>`: the id finds the row, the SHA-256 of the whole token is compared in
 * constant time with the stored one, so neither the store nor timing gives a token away.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Kysely } from 'kysely';
import { NotFoundError } from '../../errors.js';
import type { HistoryStore } from './open.js';
import type { HistoryTables } from './schema.js';

/** What a token may do: read < write < admin (each includes the ones before). */
export type TokenScope = 'read' | 'write' | 'admin';
export const TOKEN_SCOPES: readonly TokenScope[] = ['read', 'write', 'admin'];

/** A token as listed: never the token itself nor its hash. */
export interface TokenInfo {
  id: string;
  name: string;
  scope: TokenScope;
  createdAt: string;
  revokedAt: string | null;
}

interface TokenTables extends HistoryTables {
  api_token: {
    id: string;
    name: string;
    scope: string;
    hash: string;
    created_at: string;
    revoked_at: string | null;
  };
}

const tokens = (store: HistoryStore) => store.db as unknown as Kysely<TokenTables>;
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** Whether a scope allows what `needed` asks. */
export function scopeAllows(scope: TokenScope, needed: TokenScope): boolean {
  return TOKEN_SCOPES.indexOf(scope) >= TOKEN_SCOPES.indexOf(needed);
}

/** Creates a token; the plaintext is returned once and never stored. */
export async function createToken(
  store: HistoryStore,
  scope: TokenScope,
  name = '',
  now = new Date(),
): Promise<TokenInfo & { token: string }> {
  const id = randomBytes(6).toString('hex');
  const token = `crt_${id}_${randomBytes(24).toString('base64url')}`;
  const row = { id, name, scope, hash: sha256(token), created_at: now.toISOString(), revoked_at: null };
  await tokens(store).insertInto('api_token').values(row).execute();
  return { id, name, scope, createdAt: row.created_at, revokedAt: null, token };
}

/** Every token, oldest first. */
export async function listTokens(store: HistoryStore): Promise<TokenInfo[]> {
  const rows = await tokens(store)
    .selectFrom('api_token')
    .selectAll()
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    scope: r.scope as TokenScope,
    createdAt: r.created_at,
    revokedAt: r.revoked_at,
  }));
}

/** Revokes a token by id (it stops working on the next request); unknown ids are NotFoundErrors. */
export async function revokeToken(store: HistoryStore, id: string, now = new Date()): Promise<void> {
  const result = await tokens(store)
    .updateTable('api_token')
    .set({ revoked_at: now.toISOString() })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) === 0) {
    const known = await tokens(store)
      .selectFrom('api_token')
      .select('id')
      .where('id', '=', id)
      .executeTakeFirst();
    if (!known) throw new NotFoundError(`unknown token ${id} (cleanroom token list shows the ids)`);
  }
}

/** The scope of a presented token, or undefined when it is unknown, malformed or revoked. */
export async function verifyToken(store: HistoryStore, token: string): Promise<TokenScope | undefined> {
  const id = /^crt_([0-9a-f]{12})_[A-Za-z0-9_-]+$/.exec(token)?.[1];
  if (!id) return undefined;
  const row = await tokens(store)
    .selectFrom('api_token')
    .select(['hash', 'scope', 'revoked_at'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row || row.revoked_at !== null) return undefined;
  const presented = Buffer.from(sha256(token), 'hex');
  const stored = Buffer.from(row.hash, 'hex');
  return stored.length === presented.length && timingSafeEqual(stored, presented)
    ? (row.scope as TokenScope)
    : undefined;
}

/**
 * Caching of reads, in the client and in the server.
 *
 * - ETag and Cache-Control on successful reads: a strong ETag from the body's hash, and 304 when
 *   the client already holds it. Points of the past never change, but the latest point and the
 *   default range move, so the freshness window is short and revalidation cheap.
 * - An in-process LRU of the answers of the read routes (history, compare, accumulation, the
 *   directory, resolved …): keyed by the URL and today's date (the default range ends today), and
 *   valid only while the store's version token (store-version.ts) is the one read before the
 *   answer was computed, so a write by this server or by any other process makes every kept
 *   answer a miss. An answer that also reads the advisory DB (a replay, a pin) is kept with the
 *   DB file's identity too (`ctx.dbVersion()`), so `db update` swapping a new build in makes it a
 *   miss as well; with the DB on PostgreSQL such answers are not kept. A kept answer says
 *   `X-Cache: hit`.
 */
import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { checkpoint } from '../cancel.js';
import type { ServerContext } from './context.js';
import { answerOf, etagOfDigest, sendAnswer, type JsonAnswer } from './json-answer.js';
import { ByteLru } from './lru.js';
import { storeVersion } from './store-version.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** whether the answer to this (validated) query depends on the history store alone */
    storeOnly?: (query: never) => boolean;
    /**
     * whether the answer depends on the history store and the advisory DB (replays, pins, the
     * directory's last points) and the server's VEX documents, read once at start: kept while
     * neither the store nor the DB file has changed
     */
    withDb?: (query: never) => boolean;
  }
}

/** `storeOnly` of a route whose every answer reads the history store alone. */
export const anyQuery = (): boolean => true;

interface Kept {
  version: string;
  /** an answer serialised by json-answer.ts, or a string a route sent */
  body: JsonAnswer | string;
  etag: string;
  bytes: number;
}

// what the preHandler learnt, for onSend to keep the answer under
const pending = new WeakMap<FastifyRequest, { key: string; version: string }>();

// hashed in slices of this many bytes (or UTF-16 units), with a turn of the event loop between
const HASH_SLICE = 1024 * 1024;

/**
 * The strong ETag of a body a route sent as a string or a Buffer: its SHA-256, a slice at a time
 * for a large one (a report), so hashing never holds the event loop.
 */
async function etagOf(payload: string | Buffer, signal: AbortSignal): Promise<string> {
  const hash = createHash('sha256');
  for (let at = 0; at < payload.length;) {
    let end = Math.min(at + HASH_SLICE, payload.length);
    // a string is cut between code points, never inside a surrogate pair
    if (typeof payload === 'string' && end < payload.length && isHighSurrogate(payload.charCodeAt(end - 1)))
      end += 1;
    hash.update(typeof payload === 'string' ? payload.slice(at, end) : payload.subarray(at, end));
    at = end;
    if (at < payload.length) await checkpoint(signal);
  }
  return etagOfDigest(hash.digest());
}

const isHighSurrogate = (unit: number) => unit >= 0xd800 && unit <= 0xdbff;

const matches = (request: FastifyRequest, etag: string) =>
  request.headers['if-none-match']?.split(',').some((m) => m.trim() === etag) ?? false;

/** The hooks of both caches; `maxBytes` 0 turns the server's off (ETags stay). */
export function cacheHooks(ctx: ServerContext, privateReads: boolean, maxBytes: number) {
  const control = `${privateReads ? 'private' : 'public'}, max-age=60`;
  const lru = new ByteLru<Kept>(maxBytes);

  /** A preHandler (after the token check): answers from the LRU when the store has not moved. */
  async function preHandler(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    if (!maxBytes || request.method !== 'GET') return;
    const config = request.routeOptions.config;
    const storeOnly = (config.storeOnly as ((q: unknown) => boolean) | undefined)?.(request.query);
    const withDb = !storeOnly && (config.withDb as ((q: unknown) => boolean) | undefined)?.(request.query);
    if (!storeOnly && !withDb) return;
    const db = withDb ? ctx.dbVersion() : '';
    const store = await storeVersion(ctx.store);
    if (store === undefined || db === undefined) return;
    const version = `${store} ${db}`;
    const key = `${new Date().toISOString().slice(0, 10)} ${request.url}`;
    const kept = lru.get(key);
    if (kept?.version !== version) {
      pending.set(request, { key, version });
      return;
    }
    reply.header('etag', kept.etag).header('cache-control', control).header('x-cache', 'hit');
    if (matches(request, kept.etag)) return reply.code(304).send();
    if (typeof kept.body !== 'string') return sendAnswer(reply, kept.body);
    return reply.type('application/json; charset=utf-8').send(kept.body);
  }

  /** An onSend hook: ETag, Cache-Control and 304 for GET 200 answers; keeps what the LRU wants. */
  async function onSend(request: FastifyRequest, reply: FastifyReply, payload: unknown): Promise<unknown> {
    if (request.method !== 'GET' || reply.statusCode !== 200) return payload;
    // a JSON answer (json-answer.ts) comes with its ETag; another stream has none
    const answer = answerOf(payload);
    if (!answer && typeof payload !== 'string' && !Buffer.isBuffer(payload)) return payload;
    if (reply.hasHeader('etag')) return payload; // from the LRU, already checked
    const etag = answer?.etag ?? (await etagOf(payload as string | Buffer, request.abortSignal));
    reply.header('etag', etag);
    reply.header('cache-control', control);
    const wanted = pending.get(request);
    // a JSON answer's chunks, or a string (JSON of the store is ASCII, one byte per character)
    if (wanted && answer)
      lru.set(wanted.key, { version: wanted.version, body: answer, etag, bytes: answer.bytes });
    else if (wanted && typeof payload === 'string')
      lru.set(wanted.key, { version: wanted.version, body: payload, etag, bytes: payload.length });
    if (matches(request, etag)) {
      reply.code(304);
      return '';
    }
    return payload;
  }

  return { preHandler, onSend };
}

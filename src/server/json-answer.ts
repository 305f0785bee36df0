/**
 * How a route's JSON answer becomes bytes without holding the event loop: the object a handler
 * returns is serialised in chunks of about 64 KiB (json-chunks.ts, byte for byte what Fastify's
 * `JSON.stringify` wrote), the ETag's SHA-256 is updated chunk by chunk, and between chunks the
 * event loop gets a turn (`checkpoint`, src/cancel.ts), which also stops the work of a client
 * that went away. The chunks are then sent as a stream with the header Fastify gave an object
 * (`application/json; charset=utf-8`) and their `content-length`: never joined into one buffer
 * (copying 16 MB held the loop too), so @fastify/compress feeds zlib a chunk at a time. The
 * answer-size limit (limits.ts) and the cache (ETag, 304, the kept answers) read the size and the
 * ETag computed here (`answerOf`) instead of measuring and hashing the body again.
 */
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import { checkpoint } from '../cancel.js';
import { jsonPieces } from './json-chunks.js';

const CHUNK_CHARS = 64 * 1024;
const JSON_TYPE = 'application/json; charset=utf-8';

/** A serialised answer: its UTF-8 chunks, their size and its strong ETag (from their SHA-256). */
export interface JsonAnswer {
  chunks: readonly Buffer[];
  bytes: number;
  etag: string;
}

// the answers behind the streams (and single chunks) sent here, for the size limit and the cache
const answers = new WeakMap<object, JsonAnswer>();

/** The answer a payload sends, when it is one `sendAnswer` sent. */
export function answerOf(payload: unknown): JsonAnswer | undefined {
  return typeof payload === 'object' && payload !== null ? answers.get(payload) : undefined;
}

/** A stream of the answer's chunks (a new one each time: a kept answer is sent again). */
export function answerStream(answer: JsonAnswer): Readable {
  const stream = Readable.from(answer.chunks, { objectMode: false });
  answers.set(stream, answer);
  return stream;
}

/**
 * Sends a serialised answer with the headers Fastify gives a JSON object: an answer of one chunk
 * (under 64 KiB) as that Buffer, so it is sent (and compressed, or not) as a string was; a larger
 * one as a stream of its chunks with its `content-length`.
 */
export function sendAnswer(reply: FastifyReply, answer: JsonAnswer): FastifyReply {
  reply.type(JSON_TYPE);
  if (answer.chunks.length === 1) {
    const body = answer.chunks[0]!;
    answers.set(body, answer);
    return reply.send(body);
  }
  return reply.header('content-length', String(answer.bytes)).send(answerStream(answer));
}

/** The strong ETag of a SHA-256 digest (the form cache.ts has always sent). */
export const etagOfDigest = (digest: Buffer) => `"${digest.toString('base64url').slice(0, 27)}"`;

/**
 * `JSON.stringify(value)` as UTF-8 bytes with its ETag, built a chunk at a time with a turn of
 * the event loop whenever the work has held it for a few milliseconds; throws the signal's reason
 * once `signal` is aborted.
 */
export async function serialiseJson(value: unknown, signal?: AbortSignal): Promise<JsonAnswer> {
  const hash = createHash('sha256');
  const chunks: Buffer[] = [];
  let bytes = 0;
  let pending: string[] = [];
  let chars = 0;
  const flush = () => {
    const chunk = Buffer.from(pending.join(''), 'utf8');
    hash.update(chunk);
    chunks.push(chunk);
    bytes += chunk.length;
    pending = [];
    chars = 0;
  };
  for (const piece of jsonPieces(value)) {
    pending.push(piece);
    chars += piece.length;
    if (chars >= CHUNK_CHARS) {
      flush();
      await checkpoint(signal);
    }
  }
  if (pending.length > 0 || chunks.length === 0) flush();
  return { chunks, bytes, etag: etagOfDigest(hash.digest()) };
}

// what Fastify would have run through JSON.stringify: a plain object or an array
function isJsonAnswer(value: unknown): value is object {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return Array.isArray(value);
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

/**
 * Every route registered after this answers the object its handler returns through
 * `serialiseJson` (a handler that sends itself, or sets its own content type, is left alone, and
 * so is a route with a response schema, whose serialiser Fastify must run). Call before the
 * routes are registered.
 */
export function installJsonAnswers(app: FastifyInstance): void {
  app.addHook('onRoute', (route: RouteOptions) => {
    if (route.schema?.response) return;
    const handler = route.handler;
    route.handler = async function (this: unknown, request: FastifyRequest, reply: FastifyReply) {
      const result: unknown = await handler.call(this as never, request, reply);
      if (!isJsonAnswer(result) || reply.sent || reply.hasHeader('content-type')) return result;
      return sendAnswer(reply, await serialiseJson(result, request.abortSignal));
    } as RouteOptions['handler'];
  });
}

/**
 * ETag and Cache-Control on successful reads: a strong ETag from the body's hash, and 304 when
 * the client already holds it. Points of the past never change, but the latest point and the
 * default range move, so the freshness window is short and revalidation cheap.
 */
import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';

/** An onSend hook: ETag, Cache-Control and 304 for GET 200 answers. */
export function cacheHook(privateReads: boolean) {
  const control = `${privateReads ? 'private' : 'public'}, max-age=60`;
  return async (request: FastifyRequest, reply: FastifyReply, payload: unknown): Promise<unknown> => {
    if (request.method !== 'GET' || reply.statusCode !== 200) return payload;
    if (typeof payload !== 'string' && !Buffer.isBuffer(payload)) return payload;
    const etag = `"${createHash('sha256').update(payload).digest('base64url').slice(0, 27)}"`;
    reply.header('etag', etag);
    reply.header('cache-control', control);
    const match = request.headers['if-none-match'];
    if (match && match.split(',').some((m) => m.trim() === etag)) {
      reply.code(304);
      return '';
    }
    return payload;
  };
}

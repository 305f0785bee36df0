/**
 * Bounded work on every route (docs/security.md): what one request may ask for and how many
 * expensive requests the server runs at once.
 *
 * - Ranges: any `from`/`to` of the API lies in 1970–2100 and holds at most `maxRangeDays` days
 *   (a 400 naming the parameter), checked before anything is read.
 * - Images: a request names at most `maxImages` images (`images` and `alternatives` together).
 * - Expensive requests (a replay, compare, resolved, the report, a scan through track) take a slot
 *   of a server-wide gate: `concurrency` run at once, `queue` more wait (each at most
 *   `queueTimeoutMs`), and the next one is answered 503 with `Retry-After` at once.
 * - Answers: one larger than `maxAnswerBytes` is replaced by a 400 that says so (ask less).
 * - Cancellation: every request has an AbortSignal, aborted when its client goes away before the
 *   answer is sent; the route's work runs with it as the ambient signal (src/cancel.ts), so a
 *   replay stops at its next checkpoint and its slot goes to the next request in the queue.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import { withSignal } from '../cancel.js';
import { dayRange } from '../history/date-range.js';
import { InputError, UnavailableError } from '../errors.js';
import { errorBody } from './error-handler.js';
import { answerOf } from './json-answer.js';

export interface ServerLimits {
  /** the most days a range may hold (default 3650: ten years) */
  maxRangeDays: number;
  /** the most images one request may name (default 50) */
  maxImages: number;
  /** expensive requests run at once (default 2) */
  concurrency: number;
  /** expensive requests that may wait for a slot (default 64) */
  queue: number;
  /** how long one may wait before a 503 (default 60 s) */
  queueTimeoutMs: number;
  /** the largest answer the server sends, bytes before compression (default 64 MiB) */
  maxAnswerBytes: number;
}

export const DEFAULT_LIMITS: ServerLimits = {
  maxRangeDays: 3650,
  maxImages: 50,
  concurrency: 2,
  queue: 64,
  queueTimeoutMs: 60_000,
  maxAnswerBytes: 64 * 1024 * 1024,
};

type Query = Record<string, unknown>;
const replays = (q: Query) => q.replay === true || q.afterVex === true;
const always = () => true;

/** The routes whose work is bounded by the gate, and when (by their validated query). */
const EXPENSIVE: Record<string, (q: Query) => boolean> = {
  'GET /api/images/:image/tags/:tag/history': replays,
  'GET /api/images/:image/tags/:tag/accumulation': replays,
  'GET /api/compare': always,
  'GET /api/images/:image/tags/:tag/resolved': always,
  'GET /api/images/:image/tags/:tag/time-to-fix': always,
  'GET /api/images/:image/tags/:tag/roi': always,
  'GET /api/report': always,
  'GET /api/cves/:id': always,
  'POST /api/track': always,
};

/** The server-wide gate of expensive requests: a counting semaphore with a bounded queue. */
export class WorkGate {
  private running = 0;
  private readonly waiting: { admit(): void; refuse(err: Error): void }[] = [];
  constructor(private readonly limits: Pick<ServerLimits, 'concurrency' | 'queue' | 'queueTimeoutMs'>) {}

  /** in flight and waiting now */
  get load(): { running: number; waiting: number } {
    return { running: this.running, waiting: this.waiting.length };
  }

  /** Resolves with the release of a slot; refuses (UnavailableError) when the queue is full or the wait too long. */
  async enter(signal?: AbortSignal): Promise<() => void> {
    if (this.running < this.limits.concurrency) return this.take();
    if (this.waiting.length >= this.limits.queue)
      throw busy(
        `the server is running ${this.running} expensive requests and ${this.waiting.length} wait: try again later`,
      );
    return new Promise((resolve, reject) => {
      const entry = {
        admit: () => {
          clearTimeout(timer);
          signal?.removeEventListener('abort', onAbort);
          resolve(this.take());
        },
        refuse: (err: Error) => {
          clearTimeout(timer);
          signal?.removeEventListener('abort', onAbort);
          const i = this.waiting.indexOf(entry);
          if (i >= 0) this.waiting.splice(i, 1);
          reject(err);
        },
      };
      const timer = setTimeout(
        () => entry.refuse(busy(`waited ${this.limits.queueTimeoutMs} ms for a slot: try again later`)),
        this.limits.queueTimeoutMs,
      );
      const onAbort = () => entry.refuse(signal!.reason as Error);
      signal?.addEventListener('abort', onAbort, { once: true });
      this.waiting.push(entry);
    });
  }

  private take(): () => void {
    this.running += 1;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.running -= 1;
      if (this.running < this.limits.concurrency) this.waiting.shift()?.admit();
    };
  }
}

const busy = (message: string) => Object.assign(new UnavailableError(message), { retryAfter: 5 });

declare module 'fastify' {
  interface FastifyRequest {
    /** aborted when the client goes away before its answer was sent */
    abortSignal: AbortSignal;
  }
}

const controllers = new WeakMap<FastifyRequest, AbortController>();

/**
 * Installs the limits on an app: the abort signal of each request (onRequest), the range and
 * image bounds and the gate (preHandler, after the token check and the answer cache: a kept answer
 * takes no slot), and every route's handler run with its request's signal as the ambient one.
 * Call before the routes are registered.
 */
export function installLimits(
  app: FastifyInstance,
  limits: ServerLimits,
): { gate: WorkGate; preHandler: (request: FastifyRequest, reply: FastifyReply) => Promise<void> } {
  const gate = new WorkGate(limits);
  app.decorateRequest('abortSignal', null as unknown as AbortSignal);
  app.addHook('onRequest', async (request, reply) => {
    const controller = new AbortController();
    controllers.set(request, controller);
    request.abortSignal = controller.signal;
    reply.raw.once('close', () => {
      if (!reply.raw.writableFinished) controller.abort(new ClientGoneError());
    });
  });
  // an answer over the limit is not sent: the client is told to ask a shorter range or fewer images
  app.addHook('onSend', async (request, reply, payload) => {
    const bytes =
      answerOf(payload)?.bytes ??
      (typeof payload === 'string'
        ? Buffer.byteLength(payload)
        : Buffer.isBuffer(payload)
          ? payload.length
          : 0);
    if (bytes <= limits.maxAnswerBytes || reply.statusCode >= 400) return payload;
    reply.code(400).type('application/json; charset=utf-8');
    reply.removeHeader('content-disposition');
    reply.removeHeader('etag');
    reply.removeHeader('content-length'); // a JSON answer's (json-answer.ts)
    const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MiB`;
    return JSON.stringify(
      errorBody(
        'bad-input',
        `the answer would be ${mb(bytes)}, more than the ${mb(limits.maxAnswerBytes)} this server sends: ask a shorter range or fewer images`,
        {
          code: 'answer-too-large',
        },
      ),
    );
  });
  app.addHook('onRoute', (route: RouteOptions) => {
    const handler = route.handler;
    route.handler = function (this: unknown, request: FastifyRequest, reply: FastifyReply) {
      return withSignal(request.abortSignal, () => handler.call(this as never, request, reply));
    } as RouteOptions['handler'];
  });

  async function preHandler(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    if (reply.sent) return;
    const q = (request.query ?? {}) as Query;
    checkBounds(q, limits);
    const key = `${request.method} ${request.routeOptions.url}`;
    if (!EXPENSIVE[key]?.(q)) return;
    try {
      const release = await gate.enter(request.abortSignal);
      reply.raw.once('close', release);
    } catch (err) {
      const after = (err as { retryAfter?: number }).retryAfter;
      if (after !== undefined) reply.header('retry-after', String(after));
      throw err;
    }
  }
  return { gate, preHandler };
}

/** The range and image-count bounds of a validated query (InputError naming the parameter). */
export function checkBounds(q: Query, limits: Pick<ServerLimits, 'maxRangeDays' | 'maxImages'>): void {
  const text = (v: unknown) => (typeof v === 'string' ? v : undefined);
  if (q.from !== undefined || q.to !== undefined)
    try {
      dayRange(text(q.from), text(q.to), new Date(), {
        names: { from: 'from', to: 'to' },
        maxDays: limits.maxRangeDays,
      });
    } catch (err) {
      // the sentence begins with the parameter's name
      if (err instanceof InputError)
        Object.assign(err, { parameter: /^to\b/.test(err.message) ? 'to' : 'from' });
      throw err;
    }
  const count = (v: unknown) =>
    Array.isArray(v) ? v.length : typeof v === 'string' ? v.split(',').filter((s) => s.trim()).length : 0;
  const images = count(q.images) + count(q.alternatives);
  if (images > limits.maxImages)
    throw Object.assign(
      new InputError(
        `images: ${images} images named, more than the ${limits.maxImages} one request may name`,
      ),
      { parameter: 'images' },
    );
}

/** The client went away before its answer: the work for it stops. */
export class ClientGoneError extends Error {
  constructor() {
    super('the client closed the connection');
    this.name = 'AbortError';
  }
}

/**
 * The Fastify application of `cleanroom serve`: zod validates every input and generates the
 * OpenAPI document, tokens guard writes (and reads under `--private`), reads carry ETag and
 * Cache-Control, answers are gzipped, logs are pino's JSON without the Authorization header.
 * The token check runs in `onRequest`, before a body is read; the limits of limits.ts bound the
 * work of every request; every error, the framework's too, answers in error-handler.ts's shape.
 */
import compress from '@fastify/compress';
import swagger from '@fastify/swagger';
import Fastify from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { PdfPrinter } from '../report/roi/pdf-printer.js';
import { SCANNER } from '../scanner.js';
import { authHook } from './auth.js';
import { cacheHooks } from './cache.js';
import { consoleHandler } from './console.js';
import type { ServerContext } from './context.js';
import { handleClientError, handleError } from './error-handler.js';
import { installJsonAnswers } from './json-answer.js';
import { DEFAULT_LIMITS, installLimits } from './limits.js';
import type { AppOptions } from './options.js';
import { cveRoutes } from './routes/cve.js';
import { imageRoutes } from './routes/images.js';
import { inventoryRoutes } from './routes/inventory.js';
import { metaRoutes } from './routes/meta.js';
import { reportRoutes } from './routes/report.js';
import { resolvedRoutes } from './routes/resolved.js';
import { seriesRoutes } from './routes/series.js';
import { suggestionRoutes } from './routes/suggestion.js';
import { tokenRoutes } from './routes/tokens.js';
import { watchRoutes } from './routes/watches.js';
import { writeRoutes } from './routes/writes.js';

export type { AppOptions } from './options.js';

const ROUTES = new WeakMap<object, string[]>();

/** `METHOD /path` of every route an app built here registered (HEAD twins left out). */
export function registeredRoutes(app: object): string[] {
  return [...(ROUTES.get(app) ?? [])];
}

/** Builds the application over an open server context (not listening yet). */
export async function buildApp(ctx: ServerContext, options: AppOptions = {}) {
  const app = Fastify({
    logger: options.logger
      ? { redact: { paths: ['req.headers.authorization', 'req.headers.cookie'], remove: true } }
      : false,
    bodyLimit: options.bodyLimit ?? 32 * 1024 * 1024,
    requestTimeout: options.requestTimeoutMs ?? 60_000,
    // wait for requests in flight on close; idle keep-alive sockets are closed at once
    forceCloseConnections: 'idle',
    // a URL the router cannot read, a content type it does not know: the API's error shape
    frameworkErrors: (err, request, reply) => handleError(err, request, reply),
    clientErrorHandler: handleClientError,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(handleError);
  // before the routes: each handler runs with its request's abort signal (limits.ts)
  const limits = installLimits(app, { ...DEFAULT_LIMITS, ...options.limits });
  // and the object it returns is serialised in chunks, giving the event loop turns (json-answer.ts)
  installJsonAnswers(app);
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'cleanroom API', version: SCANNER.version, description: 'docs/api.md' },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
    },
    transform: jsonSchemaTransform,
  });
  const routes: string[] = [];
  ROUTES.set(app, routes);
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) if (method !== 'HEAD') routes.push(`${method} ${route.url}`);
  });
  // once closing, answers in flight end their keep-alive connection, so the process can exit
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });
  app.addHook('onSend', async (_request, reply, payload) => {
    if (closing) reply.header('connection', 'close');
    return payload;
  });
  // the token check first, before the body is read: a kept answer is served only to a request
  // allowed to read it, and an unauthenticated body is never parsed
  app.addHook('onRequest', authHook(ctx, Boolean(options.private)));
  const cache = cacheHooks(ctx, Boolean(options.private), options.cacheBytes ?? 64 * 1024 * 1024);
  app.addHook('preHandler', cache.preHandler);
  // bounds, then a slot of the gate (a kept answer takes none)
  app.addHook('preHandler', limits.preHandler);
  app.addHook('onSend', cache.onSend);
  await app.register(compress, { global: true, threshold: 1024, encodings: ['gzip', 'deflate'] });
  const modules = [
    metaRoutes,
    imageRoutes,
    seriesRoutes,
    resolvedRoutes,
    reportRoutes,
    inventoryRoutes,
    suggestionRoutes,
    cveRoutes,
    writeRoutes,
    tokenRoutes,
    watchRoutes,
  ];
  // one Chromium for every PDF, launched at the first and closed with the server
  const printer = new PdfPrinter({ pages: options.pdfPages ?? 2 });
  app.addHook('onClose', () => printer.close());
  const shared = { ...options, work: () => limits.gate.load, print: (html: string) => printer.print(html) };
  for (const register of modules) register(app, ctx, shared);
  consoleHandler(app);
  return app;
}

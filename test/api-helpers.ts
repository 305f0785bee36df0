/**
 * Shared by the API tests: `node bin/cleanroom.js serve` started as a real process on a free port
 * of 127.0.0.1 (run `npm run build` first), and a store built from the history fixtures with the
 * library's `track`: the Wolfi python SBOMs and the two Alpine images of fixtures/images.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { track } from '../src/history/track.js';
import { fixture } from './fixtures.js';
import { freePort } from './free-port.js';
import { buildDb } from './scan-helpers.js';

const ROOT = resolve(import.meta.dirname, '..');

export interface Server {
  url: string;
  child: ChildProcess;
  stderr(): string;
  /** SIGTERM, resolved with the exit code */
  stop(): Promise<number | null>;
}

/** Starts `cleanroom serve` and resolves once it listens. */
export async function startServer(args: string[], env: NodeJS.ProcessEnv = {}): Promise<Server> {
  const port = await freePort();
  const child = spawn(
    process.execPath,
    [
      join(ROOT, 'bin/cleanroom.js'),
      'serve',
      '--port',
      String(port),
      // the background refresh of the materialised series writes to the store: a test asks for it
      ...(args.includes('--refresh-every') ? [] : ['--refresh-every', '0']),
      ...args,
    ],
    {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  let err = '';
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  await new Promise<void>((ok, fail) => {
    child.stderr!.on('data', (chunk: Buffer) => {
      err += chunk.toString();
      if (err.includes('serving on')) ok();
    });
    void exited.then((code) => fail(new Error(`serve exited ${code}: ${err}`)));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    child,
    stderr: () => err,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
}

export const PYTHON = 'cgr.dev/chainguard/python:latest';
export const ALPINE = 'alpine:3';

/** Builds the advisory DB and a SQLite store of the fixtures in `dir`. */
export async function fixtureStore(dir: string): Promise<{ store: string; db: string }> {
  const db = await buildDb(dir, [
    { feed: 'wolfi-advisories', path: fixture('wolfi-advisories') },
    { feed: 'alpine-secdb', path: fixture('alpine-secdb') },
  ]);
  const store = join(dir, 'history.db');
  const folder = fixture('history', 'wolfi', 'python');
  const sboms = readdirSync(folder)
    .filter((f) => f.endsWith('.cdx.json'))
    .sort()
    .map((f) => join(folder, f));
  await track(sboms, { as: PYTHON, store, db });
  await track([fixture('images', 'alpine-3.9.4.docker.tar.gz')], {
    as: ALPINE,
    store,
    db,
    at: '2019-05-11T12:00:00.000Z',
  });
  await track([fixture('images', 'alpine-3.10.2.docker.tar.gz')], {
    as: ALPINE,
    store,
    db,
    at: '2019-08-20T12:00:00.000Z',
  });
  return { store, db };
}

/** GET a JSON route; returns status and parsed body. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests index the answers freely
export async function getJson(url: string, init: RequestInit = {}): Promise<{ status: number; body: any }> {
  const res = await fetch(url, init);
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

/** A value through JSON, as the API sends it (NaN becomes null, undefined keys vanish). */
export const viaJson = <T>(value: T): unknown => JSON.parse(JSON.stringify(value));

/** The path of a tag's routes. */
export const tagPath = (ref: string) => {
  const i = ref.lastIndexOf(':');
  return `/api/images/${encodeURIComponent(ref.slice(0, i))}/tags/${encodeURIComponent(ref.slice(i + 1))}`;
};

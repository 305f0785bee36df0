/**
 * Shared by the worker tests: a database per test on the PostgreSQL server a test file starts, a
 * query on it, and a worker process started from the built CLI as it is in production.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import pg from 'pg';

let n = 0;

/** A fresh database on `serverUrl` (the server's `postgres` database URL); returns its URL. */
export async function freshDatabase(serverUrl: string, prefix = 'worker'): Promise<string> {
  const name = `${prefix}_${process.pid}_${++n}`;
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
  return serverUrl.replace(/\/postgres$/, `/${name}`);
}

/** Runs one query on a connection of its own (it survives a server restart between calls). */
export async function query<T>(url: string, text: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  client.on('error', () => undefined);
  await client.connect();
  try {
    return (await client.query(text)).rows as T[];
  } finally {
    await client.end();
  }
}

export interface WorkerProcess {
  child: ChildProcess;
  /** what the worker logged so far */
  stderr(): string;
  done: Promise<{ code: number | null; stderr: string }>;
}

/** Starts `cleanroom worker` (the built CLI) on a store. */
export function startWorker(
  store: string,
  db: string,
  options: { args?: string[]; env?: Record<string, string>; once?: boolean } = {},
): WorkerProcess {
  const args = [resolve('bin/cleanroom.js'), 'worker', '--store', store, '--db', db, ...(options.args ?? [])];
  const child = spawn(process.execPath, options.once === false ? args : [...args, '--once'], {
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const done = new Promise<{ code: number | null; stderr: string }>((res) =>
    child.on('exit', (code) => res({ code, stderr })),
  );
  return { child, stderr: () => stderr, done };
}

/** Polls `check` every 200 ms until it is true; throws after `timeoutMs`. */
export async function waitFor(
  what: string,
  check: () => Promise<boolean>,
  timeoutMs = 60_000,
): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check().catch(() => false))) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** The tags each `observed` line of the logs names, with how many times. */
export function observedTags(logs: string[]): Map<string, number> {
  const seen = new Map<string, number>();
  for (const line of logs.join('\n').split('\n')) {
    const m = / observed (\S+) \(/.exec(line);
    if (m) seen.set(m[1]!, (seen.get(m[1]!) ?? 0) + 1);
  }
  return seen;
}

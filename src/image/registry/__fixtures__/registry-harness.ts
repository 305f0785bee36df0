/**
 * Test harness: Debian's `docker-registry` (distribution) on 127.0.0.1 with a throwaway storage
 * folder, and Debian's `skopeo` to push the shared fixture images into it. Nothing leaves the host.
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { promisify } from 'node:util';
import { createGunzip } from 'node:zlib';
import { freePort } from '../../../../test/free-port.js';

export { freePort };

const run = promisify(execFile);

export interface TestRegistry {
  host: string;
  dir: string;
  stop(): Promise<void>;
}

/** Starts docker-registry on a free port of 127.0.0.1 and waits until /v2/ answers. */
export async function startRegistry(): Promise<TestRegistry> {
  const dir = await mkdtemp(join(tmpdir(), 'cleanroom-registry-'));
  const port = await freePort();
  const host = `127.0.0.1:${port}`;
  const config = [
    'version: 0.1',
    'log:',
    '  level: error',
    'storage:',
    '  filesystem:',
    `    rootdirectory: ${join(dir, 'data')}`,
    'http:',
    `  addr: ${host}`,
    '',
  ].join('\n');
  await writeFile(join(dir, 'config.yml'), config);
  const child: ChildProcess = spawn('/usr/bin/docker-registry', ['serve', join(dir, 'config.yml')], {
    stdio: 'ignore',
  });
  const deadline = Date.now() + 15_000;
  for (;;) {
    const ok = await fetch(`http://${host}/v2/`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    if (Date.now() > deadline || child.exitCode !== null) throw new Error('docker-registry did not start');
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    host,
    dir,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Gunzips a fixture to a temp file (skopeo's docker-archive reader does not take gzip). */
export async function gunzipTo(source: string, dir: string, name: string): Promise<string> {
  const target = join(dir, name);
  await pipeline(createReadStream(source), createGunzip(), createWriteStream(target));
  return target;
}

/** Pushes an image with skopeo: `docker-archive:PATH` or `oci-archive:PATH` to host/repo:tag over http. */
export async function push(source: string, host: string, target: string): Promise<void> {
  await run('skopeo', ['copy', '--quiet', '--dest-tls-verify=false', source, `docker://${host}/${target}`], {
    timeout: 60_000,
  });
}

/** Uploads a blob with the monolithic POST+PUT of the distribution spec. */
export async function pushBlob(host: string, repo: string, bytes: Buffer, digest: string): Promise<void> {
  const start = await fetch(`http://${host}/v2/${repo}/blobs/uploads/`, { method: 'POST' });
  const location = new URL(start.headers.get('location') ?? '', `http://${host}`);
  location.searchParams.set('digest', digest);
  const done = await fetch(location, {
    method: 'PUT',
    body: bytes,
    headers: { 'content-type': 'application/octet-stream' },
  });
  if (done.status !== 201) throw new Error(`blob upload failed: ${done.status}`);
}

/** PUTs a manifest or index under a tag; returns nothing, the caller knows the digest. */
export async function pushManifest(
  host: string,
  repo: string,
  tag: string,
  bytes: Buffer,
  mediaType: string,
): Promise<void> {
  const res = await fetch(`http://${host}/v2/${repo}/manifests/${tag}`, {
    method: 'PUT',
    body: bytes,
    headers: { 'content-type': mediaType },
  });
  if (res.status !== 201) throw new Error(`manifest upload failed: ${res.status} ${await res.text()}`);
}

/** Helpers of the sbom end-to-end tests: run the built CLI as a user does, build odd images. */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { resolve } from 'node:path';
import { pack, type Header } from 'tar-stream';

export const ROOT = resolve(import.meta.dirname, '..');

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `node bin/cleanroom.js ARGS` from the repository root, with stdout piped (not a terminal). */
export function runCli(args: string[], cwd = ROOT): Promise<CliRun> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [resolve(ROOT, 'bin/cleanroom.js'), ...args], {
      cwd,
      env: { ...process.env, NO_COLOR: '1' },
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', fail);
    child.on('close', (code) =>
      done({
        code,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
      }),
    );
  });
}

/** One tar entry of a layer built by a test. */
export type Entry = Partial<Header> & { name: string; content?: string | Buffer };

/** The bytes of a tar holding these entries. */
export async function tarOf(entries: Entry[]): Promise<Buffer> {
  const p = pack();
  const chunks: Buffer[] = [];
  p.on('data', (b) => {
    chunks.push(b as Buffer);
  });
  const ended = new Promise<void>((ok) => p.on('end', () => ok()));
  for (const { content, ...header } of entries) {
    await new Promise<void>((ok, ko) => p.entry(header, content ?? '', (e) => (e ? ko(e) : ok())));
  }
  p.finalize();
  await ended;
  return Buffer.concat(chunks);
}

const sha256 = (b: Buffer) => `sha256:${createHash('sha256').update(b).digest('hex')}`;

/**
 * A `docker save` archive (Docker's image spec v1.2 layout) of one image whose layers hold these
 * entries; the layers' diff ids are right, so only the entries themselves are odd.
 */
export async function dockerArchiveOf(layers: Entry[][]): Promise<Buffer> {
  const layerTars = await Promise.all(layers.map(tarOf));
  const config = Buffer.from(
    JSON.stringify({
      architecture: 'amd64',
      os: 'linux',
      rootfs: { type: 'layers', diff_ids: layerTars.map(sha256) },
      history: layerTars.map(() => ({ created_by: 'test' })),
    }),
  );
  const configName = `${sha256(config).slice(7)}.json`;
  const manifest = [
    { Config: configName, RepoTags: ['odd:1'], Layers: layerTars.map((_, i) => `l${i}/layer.tar`) },
  ];
  return tarOf([
    { name: 'manifest.json', content: JSON.stringify(manifest) },
    { name: configName, content: config },
    ...layerTars.map((t, i) => ({ name: `l${i}/layer.tar`, content: t })),
  ]);
}

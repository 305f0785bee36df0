/**
 * `--check CMD`: runs a command in the built image, as the image's user, under chroot (the machine
 * has no container runtime): the layers are unpacked in order into a temporary root with the
 * system's tar, the command gets the image's environment. A non-zero exit fails the suggestion
 * (exit 1) naming the command and its stderr.
 */
import { spawn } from 'node:child_process';
import { chmod, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { InputError, PolicyError } from '../../errors.js';
import { readTar } from '../tar-read.js';
import type { Analysis } from './analysis-types.js';
import { envRecord } from './image-lookup.js';

/** What the check ran and what came of it. */
export interface CheckResult {
  command: string;
  argv: string[];
  uid: number;
  exitCode: number;
  stdout: string;
  stderr: string;
}

/** Splits a command line as a POSIX shell would split words (quotes and backslashes, no expansion). */
export function splitCommand(line: string): string[] {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let quote: '"' | "'" | undefined;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quote) {
      if (c === quote) quote = undefined;
      else if (c === '\\' && quote === '"' && i + 1 < line.length) word += line[++i];
      else word += c;
    } else if (c === '"' || c === "'") {
      quote = c;
      inWord = true;
    } else if (c === '\\' && i + 1 < line.length) {
      word += line[++i];
      inWord = true;
    } else if (/\s/.test(c)) {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
    } else {
      word += c;
      inWord = true;
    }
  }
  if (quote) throw new InputError(`--check ${line}: an unterminated ${quote} quote`);
  if (inWord) words.push(word);
  return words;
}

const run = (cmd: string, args: string[], options: { input?: Buffer; env?: NodeJS.ProcessEnv }) =>
  new Promise<{ code: number; stdout: string; stderr: string }>((done, fail) => {
    const child = spawn(cmd, args, { env: options.env ?? process.env, stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', fail);
    child.on('close', (code) =>
      done({
        code: code ?? 128,
        stdout: Buffer.concat(out).toString(),
        stderr: Buffer.concat(err).toString(),
      }),
    );
    child.stdin.end(options.input);
  });

/** Unpacks the layers of a one-platform OCI layout tar into `root`, in order; returns the config's Env. */
export async function unpackLayout(layoutTar: string, root: string): Promise<string[]> {
  const members = new Map(readTar(await readFile(layoutTar)).map((m) => [m.path, m.data]));
  const json = (path: string) => JSON.parse(members.get(path)!.toString()) as Record<string, unknown>;
  const blob = (digest: string) => `blobs/sha256/${digest.slice('sha256:'.length)}`;
  const index = json('index.json') as { manifests: { digest: string }[] };
  const manifest = json(blob(index.manifests[0]!.digest)) as {
    config: { digest: string };
    layers: { digest: string }[];
  };
  const config = json(blob(manifest.config.digest)) as { config?: { Env?: string[] } };
  for (const layer of manifest.layers) {
    const r = await run('tar', ['-x', '-C', root], { input: gunzipSync(members.get(blob(layer.digest))!) });
    if (r.code !== 0) throw new Error(`tar could not unpack ${layer.digest}: ${r.stderr.trim()}`);
  }
  return config.config?.Env ?? [];
}

/** Runs the check command in the built image; throws a PolicyError (exit 1) when it fails. */
export async function runCheck(layoutTar: string, command: string, a: Analysis): Promise<CheckResult> {
  const argv = splitCommand(command);
  if (argv.length === 0) throw new InputError('--check needs a command');
  if (process.getuid?.() !== 0)
    throw new InputError(
      '--check runs the command under chroot, which needs root: run as root or leave --check out',
    );
  const root = await mkdtemp(join(tmpdir(), 'cleanroom-suggest-check-'));
  try {
    await chmod(root, 0o755); // mkdtemp makes it 0700: the image's user could not enter its own root
    const imageEnv = envRecord(await unpackLayout(layoutTar, root));
    const env: NodeJS.ProcessEnv = { HOME: `/home/${a.user.user}`, ...imageEnv };
    const r = await run('chroot', [`--userspec=${a.user.uid}:${a.user.gid}`, root, ...argv], { env });
    const result = { command, argv, uid: a.user.uid, exitCode: r.code, stdout: r.stdout, stderr: r.stderr };
    if (r.code !== 0)
      throw new PolicyError(
        `the check "${command}" exited ${r.code} in the suggested image (uid ${a.user.uid}): ${r.stderr.trim() || '(no stderr)'}`,
      );
    return result;
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

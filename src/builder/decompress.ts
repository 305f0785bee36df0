/**
 * Decompression of Debian's archive members and indexes: gzip with Node's zlib, zstd with fzstd
 * (already a dependency), xz with the system's `xz` (xz-utils, Priority: required in Debian, so on
 * every Debian machine). Node has no xz decoder; the npm ones are native addons that download
 * prebuilt binaries (which fail here) or pure-JS/WASM decoders several times slower than xz on
 * 30 MB of Python. Only bytes whose hash was already checked are ever decompressed, so the
 * decoder never sees untrusted input.
 */
import { spawn } from 'node:child_process';
import { gunzipSync } from 'node:zlib';
import { decompress as zstdDecompress } from 'fzstd';
import { InputError } from '../errors.js';
import { xzUncompressedSize } from './xz-index.js';

/** A compression by the suffix Debian gives it (`.xz`, `.gz`, `.zst`, none). */
export type Compression = 'xz' | 'gz' | 'zst' | 'none';

/** The compression of a file name: `data.tar.xz`, `Packages.gz`, `data.tar` … */
export function compressionOf(name: string): Compression {
  if (name.endsWith('.xz')) return 'xz';
  if (name.endsWith('.gz')) return 'gz';
  if (name.endsWith('.zst')) return 'zst';
  return 'none';
}

/** The decompressed bytes; `label` names the file in the error sentence. */
export async function decompress(data: Buffer, compression: Compression, label: string): Promise<Buffer> {
  try {
    if (compression === 'none') return data;
    if (compression === 'gz') return gunzipSync(data);
    if (compression === 'zst') return Buffer.from(zstdDecompress(data));
    return await xzDecompress(data);
  } catch (err) {
    throw new InputError(`cannot decompress ${label}: ${(err as Error).message}`);
  }
}

/**
 * Decompresses many xz files with one `xz` process: the inputs are concatenated (xz decodes a
 * series of streams as one output) and the output is cut at the sizes their indexes give.
 */
export async function xzDecompressMany(
  inputs: readonly { data: Buffer; label: string }[],
): Promise<Buffer[]> {
  if (inputs.length === 0) return [];
  const sizes = inputs.map(({ data, label }) => {
    try {
      return xzUncompressedSize(data);
    } catch (err) {
      throw new InputError(`cannot decompress ${label}: ${(err as Error).message}`);
    }
  });
  let output: Buffer;
  try {
    output = await xzDecompress(Buffer.concat(inputs.map((i) => i.data)));
  } catch (err) {
    throw new InputError(
      `cannot decompress ${inputs.map((i) => i.label).join(', ')}: ${(err as Error).message}`,
    );
  }
  if (output.length !== sizes.reduce((a, b) => a + b, 0))
    throw new InputError(
      `cannot decompress ${inputs[0]!.label} …: xz wrote another size than the indexes say`,
    );
  const parts: Buffer[] = [];
  let pos = 0;
  for (const size of sizes) {
    parts.push(output.subarray(pos, pos + size));
    pos += size;
  }
  return parts;
}

function xzDecompress(data: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const child = spawn('xz', ['--decompress', '--stdout', '--threads=1'], {
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    let err = '';
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => (err += b.toString()));
    child.on('error', (e) => reject(new Error(`cannot run xz (Debian's xz-utils): ${e.message}`)));
    child.on('close', (code) =>
      code === 0 ? resolve(Buffer.concat(out)) : reject(new Error(err.trim() || `xz exited ${code}`)),
    );
    child.stdin.on('error', () => {});
    child.stdin.end(data);
  });
}

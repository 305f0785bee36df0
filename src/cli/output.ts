import { randomBytes } from 'node:crypto';
import { rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { InputError, errorMessage } from '../errors.js';

/** Whether stdout is an interactive terminal (tables with colour, progress bars). */
export function isInteractive(stream: NodeJS.WriteStream = process.stdout): boolean {
  return Boolean(stream.isTTY) && !process.env.NO_COLOR && process.env.CI !== 'true';
}

/** Writes a file atomically: a temp file beside it, renamed over the target at the end. */
export async function writeFileAtomic(path: string, data: string | Buffer): Promise<void> {
  // A device or pipe (`--output /dev/null`, a FIFO) is written to, never replaced by a rename.
  const existing = await stat(path).catch(() => undefined);
  if (existing && !existing.isFile()) {
    try {
      return await writeFile(path, data);
    } catch (err) {
      throw new InputError(`cannot write ${path}: ${errorMessage(err)}`, { cause: err });
    }
  }
  const temp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await writeFile(temp, data);
    await rename(temp, path);
  } catch (err) {
    await rm(temp, { force: true });
    throw new InputError(`cannot write ${path}: ${errorMessage(err)}`, { cause: err });
  }
}

/** Writes a command's result to `--output FILE` (atomically) or to stdout. */
export async function emit(text: string, output?: string): Promise<void> {
  const data = text.endsWith('\n') ? text : `${text}\n`;
  if (output && output !== '-') await writeFileAtomic(output, data);
  else
    await new Promise<void>((resolve, reject) =>
      process.stdout.write(data, (e) => (e ? reject(e) : resolve())),
    );
}

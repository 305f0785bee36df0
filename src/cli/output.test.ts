import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeFileAtomic } from './output.js';

const dir = mkdtempSync(join(tmpdir(), 'cleanroom-output-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('writeFileAtomic', () => {
  it('replaces a regular file whole and leaves no temp file', async () => {
    const file = join(dir, 'out.json');
    await writeFileAtomic(file, 'one');
    await writeFileAtomic(file, 'two');
    expect(readFileSync(file, 'utf8')).toBe('two');
    expect(readdirSync(dir)).toEqual(['out.json']);
  });
  it('writes into a FIFO or device instead of renaming over it', async () => {
    const fifo = join(dir, 'pipe');
    spawnSync('mkfifo', [fifo]);
    const cat = spawn('cat', [fifo]);
    const received = new Promise<string>((resolve) => {
      let text = '';
      cat.stdout.on('data', (b: Buffer) => (text += b.toString()));
      cat.on('close', () => resolve(text));
    });
    await writeFileAtomic(fifo, 'through the pipe');
    expect(await received).toBe('through the pipe');
    expect(statSync(fifo).isFIFO()).toBe(true);
    await writeFileAtomic('/dev/null', 'nothing');
    expect(statSync('/dev/null').isCharacterDevice()).toBe(true);
  });
  it('names the path when the folder does not exist', async () => {
    await expect(writeFileAtomic(join(dir, 'missing', 'x'), 'x')).rejects.toThrow(/missing\/x/);
  });
});

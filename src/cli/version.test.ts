import { spawnSync } from 'node:child_process';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { main } from './main.js';

/** Runs the CLI in-process and collects what it writes. */
async function run(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array, ...rest: unknown[]) => {
    out += String(chunk);
    const cb = rest.find((r) => typeof r === 'function') as (() => void) | undefined;
    cb?.();
    return true;
  });
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    err += String(chunk);
    return true;
  });
  const code = await main(['node', 'cleanroom', ...args]);
  vi.restoreAllMocks();
  return { code, out, err };
}

const dpkgSays = (a: string, op: string, b: string): boolean =>
  spawnSync('dpkg', ['--compare-versions', a, op, b]).status === 0;

describe('cleanroom version', () => {
  afterEach(() => vi.restoreAllMocks());

  it('compare prints <, = or > as dpkg orders the versions', async () => {
    const cases: [string, string][] = [
      ['1:2.0~rc1-1', '1:2.0-1'],
      ['2.0-1', '2.0-1'],
      ['1.10', '1.9'],
    ];
    for (const [a, b] of cases) {
      const want = dpkgSays(a, 'lt', b) ? '<' : dpkgSays(a, 'eq', b) ? '=' : '>';
      expect(await run('version', 'compare', 'dpkg', a, b)).toMatchObject({ code: 0, out: `${want}\n` });
    }
  });

  it('accepts aliases such as pypi', async () => {
    expect((await run('version', 'compare', 'pypi', '1.0.post1', '1.0')).out).toBe('>\n');
  });

  it('exits 2 with one sentence naming an invalid version', async () => {
    const r = await run('version', 'compare', 'dpkg', '1:', '1.0');
    expect(r.code).toBe(2);
    expect(r.err).toBe('cleanroom: "1:" is not a valid dpkg version.\n');
  });

  it('exits 2 and lists the known schemes for an unknown one', async () => {
    const r = await run('version', 'compare', 'cobol', '1', '2');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(
      /unknown version scheme "cobol": known schemes are dpkg, apk, rpm, semver, pep440, maven, go, rubygems, generic/,
    );
  });

  it('schemes lists every scheme with its aliases', async () => {
    const r = await run('version', 'schemes');
    expect(r.out.split('\n')[0]).toBe('dpkg     (also: deb, debian, ubuntu)');
    expect(r.out).toMatch(/^generic$/m);
  });
});

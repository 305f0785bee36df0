import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { advisoriesOf, readAll } from '../read-all.js';
import { debianTrackerFeed } from './index.js';
import { debianCodename, debianEcosystem } from '../../debian-releases.js';

const sample = join(import.meta.dirname, '__fixtures__', 'tracker.json');
type Raw = Record<
  string,
  Record<string, { releases: Record<string, { status: string; fixed_version?: string }> }>
>;

async function read(path = sample) {
  const { items, warnings } = await readAll(debianTrackerFeed, path);
  const find = (pkg: string, id: string) =>
    items.find((i) => i.kind === 'advisory' && i.recordId === `${pkg}/${id}`);
  const state = (pkg: string, id: string, eco: string) => {
    const item = find(pkg, id);
    return item?.kind === 'advisory' ? item.advisory.affected.find((a) => a.ecosystem === eco) : undefined;
  };
  return { items, warnings, state };
}

describe('debian-tracker feed', () => {
  it('yields one advisory per (source package, issue) and one affected entry per release', async () => {
    const raw = JSON.parse(await readFile(sample, 'utf8')) as Raw;
    const { items, warnings } = await read();
    expect(warnings).toEqual([]);
    const expected = Object.entries(raw).flatMap(([pkg, issues]) =>
      Object.entries(issues).map(([id, i]) => [`${pkg}/${id}`, Object.keys(i.releases).length]),
    );
    expect(items.map((i) => (i.kind === 'advisory' ? [i.recordId, i.advisory.affected.length] : []))).toEqual(
      expected,
    );
  });

  it('maps statuses, fixed versions, nodsa reasons and urgencies', async () => {
    const { state } = await read();
    expect(state('openssl', 'CVE-2023-0286', 'Debian:12')).toMatchObject({
      fixState: 'fixed',
      fixedVersion: '3.0.8-1',
      package: 'openssl',
    });
    expect(state('curl', 'CVE-2023-38545', 'Debian:11')).toMatchObject({
      fixState: 'not-affected',
      ranges: [],
    });
    expect(state('curl', 'CVE-2023-38545', 'Debian:12')?.severity?.level).toBe('high');
    expect(state('curl', 'CVE-2025-0725', 'Debian:12')?.fixState).toBe('not-fixed'); // postponed
    expect(state('curl', 'CVE-2025-0725', 'Debian:11')?.fixState).toBe('wont-fix'); // ignored
    expect(state('curl', 'CVE-2025-0725', 'Debian:sid')?.fixState).toBe('not-fixed'); // undetermined
    expect(state('openssl', 'CVE-2010-0928', 'Debian:12')?.severity?.level).toBe('negligible');
    expect(state('linux', 'CVE-2021-3600', 'Debian:9')?.fixState).toBe('wont-fix'); // end-of-life
  });

  it('reads the gzip form, warns on a malformed issue, and survives a truncated file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tracker-'));
    const text = await readFile(sample, 'utf8');
    const gz = join(dir, 'json.gz');
    await writeFile(gz, gzipSync(text));
    expect((await read(gz)).items.length).toBe((await read()).items.length);

    const raw = JSON.parse(text) as Raw;
    (raw.curl as Record<string, unknown>)['CVE-2024-2379'] = { releases: { bookworm: { status: 'fixed?' } } };
    const bad = join(dir, 'bad.json');
    await writeFile(bad, JSON.stringify(raw));
    const b = await read(bad);
    expect(b.items.length).toBe((await read()).items.length - 1);
    expect(b.warnings.map((w) => w.source)).toEqual([`${bad}#curl/CVE-2024-2379`]);

    const cut = join(dir, 'cut.json');
    await writeFile(cut, text.slice(0, text.indexOf('"linux"') + 40));
    const c = await read(cut);
    expect(c.items.length).toBe(Object.keys(raw.openssl ?? {}).length + Object.keys(raw.curl ?? {}).length);
    expect(c.warnings[0]?.message).toMatch(/truncated/);
  });

  it('maps codenames both ways', () => {
    expect(debianEcosystem('bookworm')).toBe('Debian:12');
    expect(debianEcosystem('stretch-lts')).toBe('Debian:9');
    expect(debianEcosystem('woody')).toBe('Debian:3.0');
    expect(debianEcosystem('nonsense')).toBeUndefined();
    expect(debianCodename('13')).toBe('trixie');
    expect(advisoriesOf([])).toEqual([]);
  });
});

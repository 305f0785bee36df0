import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { fixture } from '../../../../test/fixtures.js';
import { readAll } from '../read-all.js';
import { epssFeed } from './index.js';

describe('epss feed', () => {
  it('yields one score per line of every yearly file', { timeout: 30_000 }, async () => {
    const dir = fixture('epss');
    let lines = 0;
    for (const name of (await readdir(dir)).filter((n) => n.endsWith('.csv'))) {
      lines += (await readFile(join(dir, name), 'utf8')).split('\n').filter((l) => l.trim() !== '').length;
    }
    const { items, warnings } = await readAll(epssFeed, dir);
    expect(warnings).toEqual([]);
    expect(items.length).toBe(lines);
  });

  it("reads FIRST's gzip layout with its score date, and warns on a bad line", async () => {
    const sample = (await readFile(fixture('epss', 'CVE_2024_EPSS.csv'), 'utf8')).split('\n').slice(0, 50);
    const csv = [
      '#model_version:v2025.03.14,score_date:2025-08-20T12:55:00Z',
      'cve,epss,percentile',
      ...sample.map((l) => l.replaceAll(';', ',')),
      'CVE-2024-0001,1.7,0.5',
      '',
    ].join('\n');
    const dir = await mkdtemp(join(tmpdir(), 'epss-'));
    const file = join(dir, 'epss_scores-current.csv.gz');
    await writeFile(file, gzipSync(csv));
    const { items, warnings } = await readAll(epssFeed, file);
    expect(items.length).toBe(sample.filter((l) => l.trim()).length);
    const first = sample[0]?.split(';') ?? [];
    expect(items[0]).toEqual({
      kind: 'epss',
      cve: first[0],
      epss: Number(first[1]),
      percentile: Number(first[2]),
      date: '2025-08-20T12:55:00Z',
    });
    expect(warnings.map((w) => w.source)).toEqual([`${file}:${sample.filter((l) => l.trim()).length + 3}`]);
  });
});

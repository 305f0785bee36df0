import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixture } from '../../../../test/fixtures.js';
import { advisoriesOf, readAll } from '../read-all.js';
import { cve5Feed } from './index.js';

async function* jsonFiles(dir: string): AsyncGenerator<string> {
  for (const e of await readdir(dir, { withFileTypes: true })) {
    if (e.isDirectory()) yield* jsonFiles(join(dir, e.name));
    else if (e.name.endsWith('.json')) yield join(dir, e.name);
  }
}

describe('cve5 feed', () => {
  it(
    'reads every record with its dates and one rating per CVSS version of each metric (CNA and CISA-ADP)',
    { timeout: 30_000 },
    async () => {
      const raw = new Map<string, { published?: string; metrics: number; adp: number }>();
      for await (const file of jsonFiles(fixture('cve5'))) {
        const r = JSON.parse(await readFile(file, 'utf8'));
        const count = (ms: Record<string, unknown>[] = []): number =>
          ms.flatMap((m) => Object.keys(m).filter((k) => k.startsWith('cvssV'))).length;
        const adp = (r.containers.adp ?? []).reduce(
          (n: number, a: { metrics?: Record<string, unknown>[] }) => n + count(a.metrics),
          0,
        );
        raw.set(r.cveMetadata.cveId, {
          published: r.cveMetadata.datePublished,
          metrics: count(r.containers.cna.metrics) + adp,
          adp,
        });
      }
      const { items, warnings } = await readAll(cve5Feed, fixture('cve5'));
      expect(warnings).toEqual([]);
      const advisories = advisoriesOf(items);
      expect(advisories.length).toBe(raw.size);
      for (const a of advisories) {
        const r = raw.get(a.id);
        expect(a.published).toBe(r?.published);
        expect(a.severities.length, a.id).toBe(r?.metrics);
        expect(a.severities.filter((s) => s.source === 'cisa-adp').length, a.id).toBe(r?.adp);
        expect(a.affected).toEqual([]);
      }
    },
  );
});

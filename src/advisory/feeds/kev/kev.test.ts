import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixture } from '../../../../test/fixtures.js';
import { readAll } from '../read-all.js';
import { kevFeed } from './index.js';

const file = fixture('kev', 'known_exploited_vulnerabilities.json');

describe('kev feed', () => {
  it('yields one item per catalogue entry, ransomware use kept', async () => {
    const raw = JSON.parse(await readFile(file, 'utf8')) as {
      vulnerabilities: { cveID: string; knownRansomwareCampaignUse: string }[];
    };
    const { items, warnings } = await readAll(kevFeed, file);
    expect(warnings).toEqual([]);
    expect(items.length).toBe(raw.vulnerabilities.length);
    const known = raw.vulnerabilities.filter((v) => v.knownRansomwareCampaignUse === 'Known').length;
    expect(items.filter((i) => i.kind === 'kev' && i.knownRansomware).length).toBe(known);
  });

  it('skips a malformed entry with a warning naming it', async () => {
    const raw = JSON.parse(await readFile(file, 'utf8')) as { vulnerabilities: Record<string, unknown>[] };
    delete raw.vulnerabilities[3]?.dateAdded;
    const dir = await mkdtemp(join(tmpdir(), 'kev-'));
    const bad = join(dir, 'kev.json');
    await writeFile(bad, JSON.stringify(raw, null, 1));
    const { items, warnings } = await readAll(kevFeed, bad);
    expect(items.length).toBe(raw.vulnerabilities.length - 1);
    expect(warnings.map((w) => w.source)).toEqual([`${bad}#${String(raw.vulnerabilities[3]?.cveID)}`]);
  });

  it('takes a folder that holds the catalogue, as every feed takes a file or a folder', async () => {
    const folder = fixture('kev');
    expect(await kevFeed.detect(folder)).toBe(true);
    const fromFolder = await readAll(kevFeed, folder);
    const fromFile = await readAll(kevFeed, file);
    expect(fromFolder.items).toEqual(fromFile.items);
    const empty = await mkdtemp(join(tmpdir(), 'kev-empty-'));
    await writeFile(join(empty, 'other.json'), '{"id": "x"}');
    expect(await kevFeed.detect(empty)).toBe(false);
    await expect(readAll(kevFeed, empty)).rejects.toThrow(
      /is not the CISA KEV catalogue JSON or a folder that holds it/,
    );
  });
});

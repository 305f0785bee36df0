import { describe, expect, it } from 'vitest';
import { debianRows, LAYER, sampleInventory } from './__fixtures__/sample-inventory.js';
import { shortDigest, tableFormat } from './table.js';

const now = new Date('2026-11-26T12:34:56.789Z');
const ESC = String.fromCharCode(27);

describe('table format', () => {
  const text = tableFormat.render(sampleInventory(), { now, color: false });
  const lines = text.trimEnd().split('\n');

  it('starts with a summary: image, distro and number of packages', () => {
    expect(lines[0]).toBe(
      `oci-archive:debian-bookworm-slim.oci.tar (debian:bookworm-slim, sha256:9a8b7c6d5e4f): debian 12, ${debianRows().length} packages, 1 warning(s)`,
    );
  });

  it('has a header and one aligned row per package, sorted by name', () => {
    expect(lines[1]).toMatch(/^NAME +VERSION +TYPE +SOURCE +LAYER$/);
    const rows = lines.slice(2);
    expect(rows.length).toBe(debianRows().length);
    const names = debianRows().map(([n]) => n!);
    expect(rows.map((r) => r.split(/ +/)[0])).toEqual([...names].sort());
    const versionColumn = lines[1]!.indexOf('VERSION');
    const layerColumn = lines[1]!.indexOf('LAYER');
    for (const row of rows) {
      expect(row[versionColumn - 1]).toBe(' ');
      expect(row.slice(layerColumn)).toBe(shortDigest(LAYER));
    }
  });

  it('shows the source package, with its version when it differs', () => {
    const row = debianRows().find(([n, v, s, sv]) => n !== s && v !== sv);
    if (!row) return;
    const line = lines.find((l) => l.startsWith(`${row[0]} `))!;
    expect(line).toContain(`${row[2]} ${row[3]}`);
  });

  it('is plain when piped and coloured on a terminal', () => {
    expect(text).not.toContain(ESC);
    expect(tableFormat.render(sampleInventory(), { now, color: true })).toContain(ESC);
  });

  it('shortens digests to 12 hex digits', () => {
    expect(shortDigest('sha256:0123456789abcdef')).toBe('0123456789ab');
    expect(shortDigest(undefined)).toBe('');
  });
});

import { describe, expect, it } from 'vitest';
import { sampleInventory } from './__fixtures__/sample-inventory.js';
import { sbomFormats } from './registry.js';

const ESC = String.fromCharCode(27);

// The contract every format meets, run against each entry of the registry.
describe.each([...sbomFormats.values()])('SBOM format $name', (format) => {
  const now = new Date('2026-11-26T12:34:56.789Z');

  it('is registered under its own name and describes itself', () => {
    expect(sbomFormats.get(format.name)).toBe(format);
    expect(format.description.length).toBeGreaterThan(0);
  });

  it('renders an inventory to non-empty text ending in a newline', () => {
    const text = format.render(sampleInventory(), { now, color: false });
    expect(text.trim().length).toBeGreaterThan(0);
    expect(text.endsWith('\n')).toBe(true);
  });

  it('is deterministic for a fixed clock', () => {
    const a = format.render(sampleInventory(), { now, color: false });
    const b = format.render(sampleInventory(), { now: new Date(now), color: false });
    expect(b).toBe(a);
  });

  it('names every package of the inventory', () => {
    const inventory = sampleInventory();
    const text = format.render(inventory, { now, color: false });
    for (const p of inventory.packages) expect(text).toContain(p.name);
  });

  it('has no colour codes unless asked for', () => {
    expect(format.render(sampleInventory(), { now, color: false })).not.toContain(ESC);
  });

  it('renders an empty inventory', () => {
    const empty = { ...sampleInventory(), packages: [], distro: undefined, warnings: [] };
    expect(format.render(empty, { now, color: false }).trim().length).toBeGreaterThan(0);
  });
});

import { describe, expect, it } from 'vitest';
import { InputError } from '../../errors.js';
import { sampleScan } from './__fixtures__/sample-scan.js';
import { renderScan, scanFormats } from './registry.js';

const ESC = String.fromCharCode(27);
const now = new Date('2026-11-26T12:34:56.789Z');

// The contract every scan format meets, run against each entry of the registry.
describe.each([...scanFormats.values()])('scan format $name', (format) => {
  it('is registered under its own name and describes itself', () => {
    expect(scanFormats.get(format.name)).toBe(format);
    expect(format.description.length).toBeGreaterThan(0);
  });

  it('renders to non-empty text ending in a newline, and renderScan finds it by name', () => {
    const text = format.render(sampleScan(), { now, color: false });
    expect(text.trim().length).toBeGreaterThan(0);
    expect(text.endsWith('\n')).toBe(true);
    expect(renderScan(format.name, sampleScan(), { now, color: false })).toBe(text);
  });

  it('is deterministic for a fixed clock', () => {
    const a = format.render(sampleScan(), { now, color: false, showSuppressed: true });
    expect(format.render(sampleScan(), { now: new Date(now), color: false, showSuppressed: true })).toBe(a);
  });

  it('names every counted finding (vulnerability and package)', () => {
    const scan = sampleScan();
    const text = format.render(scan, { now, color: false });
    for (const f of scan.findings) {
      expect(text).toContain(f.vulnerability);
      expect(text).toContain(f.package.name);
    }
  });

  it('has no colour codes unless asked for', () => {
    expect(format.render(sampleScan(), { now, color: false, showSuppressed: true })).not.toContain(ESC);
  });

  it('renders a scan without findings', () => {
    const scan = sampleScan();
    const empty = {
      ...scan,
      findings: [],
      suppressed: [],
      summary: { ...scan.summary, total: 0, suppressed: 0 },
    };
    expect(format.render(empty, { now, color: false }).trim().length).toBeGreaterThan(0);
  });

  it('does not change the result it renders', () => {
    const scan = sampleScan();
    const before = JSON.stringify(scan);
    format.render(scan, { now, color: true, showSuppressed: true });
    expect(JSON.stringify(scan)).toBe(before);
  });
});

describe('renderScan', () => {
  it('names the known formats when asked for an unknown one', () => {
    expect(() => renderScan('xml', sampleScan(), { now, color: false })).toThrow(InputError);
    expect(() => renderScan('xml', sampleScan(), { now, color: false })).toThrow(
      /"xml".*table, json, sarif, cyclonedx-json, openvex, csv/,
    );
  });
});

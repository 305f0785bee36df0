import { describe, expect, it } from 'vitest';
import { InputError } from '../../errors.js';
import { sampleScan } from './__fixtures__/sample-scan.js';
import { jsonScanFormat } from './json.js';
import { parseScanResult } from './parse-scan-result.js';

const now = new Date('2026-11-26T12:34:56.000Z');

describe('json scan output', () => {
  it('is the scan result itself and reads back equal', () => {
    const scan = sampleScan();
    const text = jsonScanFormat.render(scan, { now, color: false });
    expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(scan)));
    expect(parseScanResult(text, 'scan.json')).toEqual(JSON.parse(JSON.stringify(scan)));
  });

  it('names the file and the field when a saved result is broken', () => {
    const broken = JSON.parse(jsonScanFormat.render(sampleScan(), { now, color: false })) as {
      findings: { severity: string }[];
    };
    broken.findings[0]!.severity = 'severe';
    expect(() => parseScanResult(JSON.stringify(broken), 'old.json')).toThrow(InputError);
    expect(() => parseScanResult(JSON.stringify(broken), 'old.json')).toThrow(
      /old\.json is not a cleanroom scan result: findings\.0\.severity/,
    );
    expect(() => parseScanResult('nope', 'x.json')).toThrow(/x\.json is not JSON/);
  });

  it('refuses another major schema version', () => {
    const text = jsonScanFormat.render({ ...sampleScan(), schemaVersion: '2' }, { now, color: false });
    expect(() => parseScanResult(text, 'future.json')).toThrow(/schema version 2/);
  });
});

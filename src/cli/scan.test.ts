import { describe, expect, it } from 'vitest';
import { scanFormats } from '../report/scan/index.js';
import { SCAN_FORMATS } from './scan.js';

describe('scan command', () => {
  it('offers exactly the formats of the scan report registry', () => {
    expect([...SCAN_FORMATS].sort()).toEqual([...scanFormats.keys()].sort());
  });
});

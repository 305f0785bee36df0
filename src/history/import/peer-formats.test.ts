import { describe, expect, it } from 'vitest';
import { peerFormats } from './index.js';
import { fixStateWord, severityWord } from './severity-words.js';

describe('peer result formats', () => {
  it('each recognises only its own shape', () => {
    const trivy = { SchemaVersion: 2, ArtifactName: 'x', Results: [] };
    const grype = { matches: [], descriptor: { name: 'grype' } };
    expect(peerFormats.filter((f) => f.detect(trivy)).map((f) => f.name)).toEqual(['trivy']);
    expect(peerFormats.filter((f) => f.detect(grype)).map((f) => f.name)).toEqual(['grype']);
    expect(peerFormats.filter((f) => f.detect({ bomFormat: 'CycloneDX' }))).toEqual([]);
  });
  it('names the file and the field of a malformed document', () => {
    const grype = peerFormats.find((f) => f.name === 'grype')!;
    expect(() => grype.read({ matches: [{}], descriptor: { name: 'grype' } }, 'g.json')).toThrow(
      /^g\.json is not a valid Grype JSON report/,
    );
  });
  it('maps the peers’ words to severities and fix states', () => {
    expect(['CRITICAL', 'Negligible', 'MODERATE'].map(severityWord)).toEqual([
      'critical',
      'negligible',
      'unknown',
    ]);
    expect(fixStateWord('will_not_fix', undefined)).toBe('wont-fix');
    expect(fixStateWord('affected', '1.2')).toBe('not-fixed');
    expect(fixStateWord(undefined, '1.2')).toBe('fixed');
    expect(fixStateWord('not-affected', undefined)).toBe('not-affected');
  });
});

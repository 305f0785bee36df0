import { describe, expect, it } from 'vitest';

describe('the package entry point (dist/index.js, as `import … from "cleanroom"`)', () => {
  it('exports the operations DESIGN.md names', async () => {
    const api = (await import('../dist/index.js')) as Record<string, unknown>;
    for (const name of ['sbom', 'scan', 'compareVersions', 'openAdvisoryDb', 'buildAdvisoryDb', 'InputError'])
      expect(typeof api[name], name).toBe('function');
    const { compareVersions } = api as { compareVersions: (s: string, a: string, b: string) => number };
    expect(compareVersions('dpkg', '1:1.0', '2.0')).toBe(1);
  });
});

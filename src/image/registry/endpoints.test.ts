import { describe, expect, it } from 'vitest';
import { endpointsFor } from './endpoints.js';
import { insecureHost } from './registries-conf.js';
import { parseReference } from './reference.js';
import { parseRegistriesConf } from './registries-conf.js';

const conf = parseRegistriesConf(
  `
[[registry]]
prefix = "docker.io/library"
location = "hub.corp.example/library"
[[registry.mirror]]
location = "mirror.corp.example:5000/hub"
insecure = true
[[registry.mirror]]
location = "digests.corp.example/hub"
pull-from-mirror = "digest-only"

[[registry]]
prefix = "docker.io"
location = "docker.io"

[[registry]]
prefix = "*.internal.example"
insecure = true
`,
  'registries.conf',
);

const names = (ref: string) =>
  endpointsFor(parseReference(ref), conf).map(
    (e) => `${e.ref.registry}/${e.ref.repository}${e.mirror ? ' (mirror)' : ''}`,
  );

describe('endpointsFor', () => {
  it('rewrites the longest matching prefix, mirrors first, digest-only mirrors only for digests', () => {
    expect(names('alpine:3.20')).toEqual([
      'mirror.corp.example:5000/hub/alpine (mirror)',
      'hub.corp.example/library/alpine',
    ]);
    expect(names(`alpine@sha256:${'a'.repeat(64)}`)).toEqual([
      'mirror.corp.example:5000/hub/alpine (mirror)',
      'digests.corp.example/hub/alpine (mirror)',
      'hub.corp.example/library/alpine',
    ]);
    expect(names('grafana/grafana:11')).toEqual(['docker.io/grafana/grafana']);
  });

  it('keeps the tag and digest; a prefix matches whole path components only', () => {
    const [first] = endpointsFor(parseReference('docker.io/library/alpine:3.20'), conf);
    expect(first?.ref).toMatchObject({ apiHost: 'mirror.corp.example:5000', tag: '3.20' });
    expect(names('docker.io/libraryx/alpine')).toEqual(['docker.io/libraryx/alpine']);
    expect(names('ghcr.io/a/b')).toEqual(['ghcr.io/a/b']);
  });

  it('a wildcard prefix marks its hosts insecure without rewriting them', () => {
    expect(names('r.internal.example/app:1')).toEqual(['r.internal.example/app']);
    expect(insecureHost('r.internal.example', conf)).toBe(true);
    expect(insecureHost('mirror.corp.example:5000', conf)).toBe(true);
    expect(insecureHost('hub.corp.example', conf)).toBe(false);
  });

  it('refuses a version 1 file and a wrong type, naming the file', () => {
    expect(() => parseRegistriesConf('[registries.insecure]\nregistries = []\n', '/etc/r.conf')).toThrow(
      /\/etc\/r.conf is a version 1 registries.conf/,
    );
    expect(() =>
      parseRegistriesConf('[[registry]]\nlocation = "a"\ninsecure = "yes"\n', '/etc/r.conf'),
    ).toThrow(/\/etc\/r.conf: registry.0.insecure/);
  });
});

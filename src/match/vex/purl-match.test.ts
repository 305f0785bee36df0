import { describe, expect, it } from 'vitest';
import type { TargetInfo } from '../../catalog/types.js';
import { apk } from './__fixtures__/alpine-findings.js';
import { imageIdentities, imagePurlFromReference } from './image-identity.js';
import { productMatchesImage, purlMatchesPackage } from './purl-match.js';

const libssl = apk('libssl1.1', '1.1.1b-r1', 'openssl');

describe('purlMatchesPackage', () => {
  it('matches a statement purl without version or qualifiers to any version of the package', () => {
    expect(purlMatchesPackage('pkg:apk/alpine/libssl1.1', libssl)).toBe(true);
  });
  it('requires the version when the statement gives one', () => {
    expect(purlMatchesPackage('pkg:apk/alpine/libssl1.1@1.1.1b-r1', libssl)).toBe(true);
    expect(purlMatchesPackage('pkg:apk/alpine/libssl1.1@1.1.1d-r0', libssl)).toBe(false);
  });
  it('ignores qualifiers the package purl does not have, but not ones that disagree', () => {
    expect(purlMatchesPackage('pkg:apk/alpine/libssl1.1?os_name=alpine', libssl)).toBe(true);
    expect(purlMatchesPackage('pkg:apk/alpine/libssl1.1?arch=x86_64', libssl)).toBe(true);
    expect(purlMatchesPackage('pkg:apk/alpine/libssl1.1?arch=aarch64', libssl)).toBe(false);
  });
  it('needs the same type, namespace and name', () => {
    expect(purlMatchesPackage('pkg:deb/alpine/libssl1.1', libssl)).toBe(false);
    expect(purlMatchesPackage('pkg:apk/wolfi/libssl1.1', libssl)).toBe(false);
    expect(purlMatchesPackage('pkg:apk/alpine/libssl3', libssl)).toBe(false);
  });
  it('matches a distribution package by its source package, with the source version when given', () => {
    expect(purlMatchesPackage('pkg:apk/alpine/openssl', libssl)).toBe(true);
    expect(purlMatchesPackage('pkg:apk/alpine/openssl@1.1.1b-r1', libssl)).toBe(true);
    expect(purlMatchesPackage('pkg:apk/alpine/openssl@1.1.1c-r0', libssl)).toBe(false);
  });
  it('normalises names as the purl spec says (PyPI: case and underscores)', () => {
    const django = {
      ...libssl,
      name: 'Django',
      version: '4.2.1',
      type: 'pypi' as const,
      purl: 'pkg:pypi/django@4.2.1',
      source: undefined,
    };
    expect(purlMatchesPackage('pkg:pypi/Django', django)).toBe(true);
  });
  it('never matches what is not a purl', () => {
    expect(purlMatchesPackage('cpe:2.3:a:openssl:openssl:1.1.1b:*:*:*:*:*:*:*', libssl)).toBe(false);
  });
});

const digest = 'sha256:' + 'b'.repeat(64);
const target: TargetInfo = {
  reference: 'docker.io/dhi/minio:2025.10',
  source: 'registry',
  digest,
  tags: ['dhi/minio:2025.10'],
  layers: [],
};

describe('image identities and productMatchesImage', () => {
  it('builds an OCI purl with digest, repository_url and tag', () => {
    expect(imagePurlFromReference('debian:12', digest)).toBe(
      `pkg:oci/debian@sha256:${'b'.repeat(64)}?repository_url=docker.io%2Flibrary%2Fdebian&tag=12`,
    );
    expect(imagePurlFromReference('/tmp/alpine.tar')).toBeUndefined();
  });
  const ids = imageIdentities(target);
  it('names the image by digest and purl', () => {
    expect(ids[0]).toBe(digest);
    expect(ids.slice(1).every((p) => p.startsWith('pkg:oci/minio@sha256:'))).toBe(true);
  });
  it('matches the image by digest, or a purl whose version is the digest', () => {
    expect(productMatchesImage(digest, ids)).toBe(true);
    expect(productMatchesImage('sha256:' + 'c'.repeat(64), ids)).toBe(false);
    expect(productMatchesImage(`pkg:oci/minio@sha256%3A${'b'.repeat(64)}`, ids)).toBe(true);
    expect(productMatchesImage(`pkg:oci/minio@sha256%3A${'c'.repeat(64)}`, ids)).toBe(false);
  });
  it('matches by repository path, as DHI documents name their images (docker and oci purls)', () => {
    expect(productMatchesImage('pkg:docker/dhi/minio', ids)).toBe(true);
    expect(productMatchesImage('pkg:oci/dhi%2Fminio', ids)).toBe(true);
    expect(productMatchesImage('pkg:docker/dhi/minio-mc', ids)).toBe(false);
    expect(productMatchesImage('pkg:docker/minio/minio', ids)).toBe(false);
  });
  it('requires the tag when the product gives one', () => {
    expect(productMatchesImage('pkg:docker/dhi/minio@2025.10', ids)).toBe(true);
    expect(productMatchesImage('pkg:docker/dhi/minio@2024.01', ids)).toBe(false);
    expect(productMatchesImage('pkg:oci/minio?repository_url=docker.io/dhi/minio&tag=2024.01', ids)).toBe(
      false,
    );
  });
  it('matches nothing when no image identity is known', () => {
    expect(productMatchesImage('pkg:docker/dhi/minio', [])).toBe(false);
  });
});

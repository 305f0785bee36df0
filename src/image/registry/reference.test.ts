import { describe, expect, it } from 'vitest';
import { formatReference, parseReference, tryParseReference } from './reference.js';

// Expected values follow `docker pull` behaviour as documented for distribution/reference.
const D = 'sha256:' + 'ab'.repeat(32);
const cases: [string, string, string, string | undefined, string | undefined][] = [
  // input, registry, repository, tag, digest
  ['alpine', 'docker.io', 'library/alpine', 'latest', undefined],
  ['alpine:3.9', 'docker.io', 'library/alpine', '3.9', undefined],
  ['library/alpine:3.9', 'docker.io', 'library/alpine', '3.9', undefined],
  ['bitnami/redis', 'docker.io', 'bitnami/redis', 'latest', undefined],
  ['docker.io/python:3.12-slim', 'docker.io', 'library/python', '3.12-slim', undefined],
  ['index.docker.io/library/python', 'docker.io', 'library/python', 'latest', undefined],
  ['cgr.dev/chainguard/python', 'cgr.dev', 'chainguard/python', 'latest', undefined],
  [`ghcr.io/org/app@${D}`, 'ghcr.io', 'org/app', undefined, D],
  [`ghcr.io/org/app:v1@${D}`, 'ghcr.io', 'org/app', 'v1', D],
  ['localhost/app', 'localhost', 'app', 'latest', undefined],
  ['localhost:5000/a/b/c:t', 'localhost:5000', 'a/b/c', 't', undefined],
  ['127.0.0.1:5999/alpine:3.9', '127.0.0.1:5999', 'alpine', '3.9', undefined],
  ['registry:127.0.0.1:5000/alpine', '127.0.0.1:5000', 'alpine', 'latest', undefined],
  ['registry:alpine', 'docker.io', 'library/alpine', 'latest', undefined],
  ['registry:5000/team/app', 'registry:5000', 'team/app', 'latest', undefined],
  ['foo/bar_baz.x-y__z', 'docker.io', 'foo/bar_baz.x-y__z', 'latest', undefined],
];

describe('parseReference', () => {
  it.each(cases)('%s', (input, registry, repository, tag, digest) => {
    const ref = parseReference(input);
    expect(ref).toMatchObject({ registry, repository });
    expect(ref.tag).toBe(tag);
    expect(ref.digest).toBe(digest);
  });

  it('talks to registry-1.docker.io for Docker Hub', () => {
    expect(parseReference('alpine').apiHost).toBe('registry-1.docker.io');
    expect(parseReference('ghcr.io/a/b').apiHost).toBe('ghcr.io');
  });

  it('formats the canonical name', () => {
    expect(formatReference(parseReference('alpine'))).toBe('docker.io/library/alpine:latest');
    expect(formatReference(parseReference(`h:1/x@${D}`))).toBe(`h:1/x@${D}`);
  });

  it.each([
    ['', /empty/],
    ['Alpine', /lowercase/],
    ['alpine:bad tag', /not a valid tag/],
    ['alpine@sha256:1234', /not a sha256 or sha512 digest/],
    ['/abs/path.tar', /not a valid repository path component/],
    ['./image.tar', /"." is not a valid registry host/],
    ['a//b', /not a valid repository path component/],
    ['-bad.host/x', /not a valid registry host/],
  ])('rejects %j with a sentence naming it', (input, why) => {
    expect(() => parseReference(input)).toThrow(why);
    expect(tryParseReference(input)).toBeUndefined();
  });
});

import { describe, expect, it } from 'vitest';
import type { TargetInfo } from '../../catalog/types.js';
import { imageIdentity, splitImageName } from './image-identity.js';

const target = (t: Partial<TargetInfo>): TargetInfo => ({
  reference: 'x',
  source: 'registry',
  tags: [],
  layers: [],
  ...t,
});
const DIGEST = 'sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef';

describe('image identity for the SBOM standards', () => {
  it('splits repository and tag, ignoring a registry port and a digest', () => {
    expect(splitImageName('alpine:3.9')).toEqual({ repository: 'alpine', tag: '3.9' });
    expect(splitImageName('localhost:5000/team/app:1.2')).toEqual({
      repository: 'localhost:5000/team/app',
      tag: '1.2',
    });
    expect(splitImageName('localhost:5000/team/app')).toEqual({ repository: 'localhost:5000/team/app' });
    expect(splitImageName(`python:3.12@${DIGEST}`)).toEqual({ repository: 'python', tag: '3.12' });
  });

  it('gives a registry image an oci purl with its repository, tag and arch (purl-spec oci type)', () => {
    const id = imageIdentity(
      target({ reference: 'docker.io/library/Python:3.12', digest: DIGEST, platform: 'linux/arm64/v8' }),
    );
    expect(id.name).toBe('python');
    expect(id.version).toBe('3.12');
    expect(id.purl).toBe(
      `pkg:oci/python@${DIGEST}?arch=arm64&repository_url=docker.io%2Flibrary%2FPython&tag=3.12`,
    );
  });

  it('names an untagged archive after its file, and gives no purl without a manifest digest', () => {
    const id = imageIdentity(
      target({ reference: 'docker-archive:/x/alpine-3.9.4.docker.tar.gz', source: 'docker-archive' }),
    );
    expect(id).toEqual({ name: 'alpine-3.9.4.docker', version: 'unknown' });
  });

  it('uses the first tag of an archive', () => {
    expect(
      imageIdentity(target({ reference: 'a.tar', source: 'docker-archive', tags: ['alpine:3.9'] })),
    ).toEqual({
      name: 'alpine',
      version: '3.9',
    });
  });
});

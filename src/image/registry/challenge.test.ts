import { describe, expect, it } from 'vitest';
import { parseChallenge } from './challenge.js';

describe('parseChallenge', () => {
  it('reads Docker Hub style Bearer challenges', () => {
    expect(
      parseChallenge(
        'Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:library/alpine:pull"',
      ),
    ).toEqual({
      scheme: 'bearer',
      realm: 'https://auth.docker.io/token',
      service: 'registry.docker.io',
      scope: 'repository:library/alpine:pull',
    });
  });
  it('accepts spaces, unquoted values, escapes and any case', () => {
    expect(parseChallenge('bearer  realm=https://r/t , service="a \\"b\\""')).toEqual({
      scheme: 'bearer',
      realm: 'https://r/t',
      service: 'a "b"',
    });
  });
  it('reads Basic, other schemes, and nothing', () => {
    expect(parseChallenge('Basic realm="Registry Realm"')).toEqual({
      scheme: 'basic',
      realm: 'Registry Realm',
    });
    expect(parseChallenge('Negotiate')).toEqual({ scheme: 'other', name: 'Negotiate' });
    expect(parseChallenge('Bearer service="x"')).toEqual({ scheme: 'other', name: 'Bearer' });
    expect(parseChallenge(null)).toBeUndefined();
  });
});

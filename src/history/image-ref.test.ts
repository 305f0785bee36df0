import { describe, expect, it } from 'vitest';
import { imageNameProblem, parsePinnedRef, parseTagRef } from './image-ref.js';

describe('image references', () => {
  it('splits the tag at the last colon after the last slash', () => {
    expect(parseTagRef('python:3.12', 'x')).toEqual({ image: 'python', tag: '3.12' });
    expect(parseTagRef('localhost:5000/app:1.2', 'x')).toEqual({ image: 'localhost:5000/app', tag: '1.2' });
  });
  it('refuses a name without a tag, naming the option', () => {
    expect(() => parseTagRef('localhost:5000/app', '--as')).toThrow(
      /--as: "localhost:5000\/app" names no tag/,
    );
  });
  it('pins to the end of a day, or to a digest', () => {
    expect(parsePinnedRef('python:3@2024-01-01', 'image')).toMatchObject({
      tag: '3',
      at: '2024-01-01T23:59:59.999Z',
    });
    const digest = `sha256:${'a'.repeat(64)}`;
    expect(parsePinnedRef(`python:3@${digest}`, 'image')).toMatchObject({ digest });
    expect(() => parsePinnedRef('python:3@sha256:abc', 'image')).toThrow(/is not a sha256 digest/);
    expect(() => parsePinnedRef('python:3@soon', 'image')).toThrow(/"soon" is not a date/);
  });
});

describe('the OCI distribution reference grammar', () => {
  it('takes the names registries use', () => {
    for (const name of [
      'alpine',
      'cgr.dev/chainguard/python',
      'localhost:5000/app',
      'my_app/a__b/c-d--e',
      '[::1]:5000/x',
      'Registry.Example.COM/team/app',
    ])
      expect(imageNameProblem(name), name).toBeUndefined();
  });
  it('refuses hostile and malformed names, naming the rule', () => {
    for (const name of [
      '<img src=x onerror=alert(1)>',
      '../../etc',
      'a|b',
      'Python',
      '=HYPERLINK("x")',
      'a//b',
      '-x',
      'x_',
      'host:port/x',
      'a'.repeat(256),
    ])
      expect(imageNameProblem(name), name).toBeDefined();
    expect(() => parseTagRef('../../etc:1', '--as')).toThrow(
      '--as: "../../etc:1" is not an image name by the OCI distribution reference grammar: a registry host is DNS labels',
    );
    expect(() => parseTagRef('<img src=x onerror=alert(1)>:x', 'as')).toThrow('not an image name');
  });
});

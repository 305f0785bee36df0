import { describe, expect, it } from 'vitest';
import { expectVectorsPass } from '../vectors.test-helper.js';
import { apkScheme } from './apk.js';

describe('apk scheme', () => {
  it('passes alpine-versions.txt', () => expectVectorsPass(apkScheme, 'alpine-versions.txt'));
  it('passes alpine-versions-generated.txt', () =>
    expectVectorsPass(apkScheme, 'alpine-versions-generated.txt'));

  it('orders the suffixes as the apk format documents', () => {
    const order = [
      '1.0_alpha',
      '1.0_beta2',
      '1.0_pre',
      '1.0_rc1',
      '1.0',
      '1.0_cvs',
      '1.0_svn',
      '1.0_git',
      '1.0_hg',
      '1.0_p1',
      '1.0a',
    ];
    for (let i = 1; i < order.length; i++) expect(apkScheme.compare(order[i - 1]!, order[i]!)).toBe(-1);
  });

  it('skips the commit hash and treats a missing revision as r0', () => {
    expect(apkScheme.compare('1.2~ab12-r1', '1.2-r1')).toBe(0);
    expect(apkScheme.compare('1.2', '1.2-r0')).toBe(0);
    expect(apkScheme.isValid('')).toBe(false);
  });
});

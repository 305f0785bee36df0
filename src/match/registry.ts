import type { Matcher } from './matcher.js';
import { apkMatcher } from './matchers/apk.js';
import { dpkgMatcher } from './matchers/dpkg.js';
import { languageMatcher } from './matchers/language.js';
import { rpmMatcher } from './matchers/rpm.js';

/** The matcher registry: one entry per package family. */
export const matchers: ReadonlyMap<string, Matcher> = new Map(
  [apkMatcher, dpkgMatcher, rpmMatcher, languageMatcher].map((m) => [m.name, m]),
);

/**
 * Go module versions (https://go.dev/ref/mod#versions): semver with a `v` prefix (optional here,
 * because OSV's Go ranges drop it), pseudo-versions such as v0.0.0-20191109021931-daa7c04131f5
 * (pre-releases whose fixed-width timestamp orders them by time), and `+incompatible`, which is
 * build metadata and so does not take part in ordering.
 */
import type { VersionScheme } from '../types.js';
import { semverLike } from '../semver/semver.js';

/** The go scheme: Go modules and the standard library as the Go vulnerability database writes them. */
export const goScheme: VersionScheme = semverLike('go');

/**
 * The form in which a package name is stored and looked up, per ecosystem, so that a feed and an
 * image that spell one package differently still meet: PyPI names compare case-insensitively with
 * runs of `-`, `_` and `.` folded to one `-` (PEP 503); NuGet ids are case-insensitive. Every
 * other ecosystem compares names exactly.
 */
export function packageKey(ecosystem: string, name: string): string {
  if (ecosystem === 'PyPI') return name.toLowerCase().replace(/[-_.]+/g, '-');
  if (ecosystem === 'NuGet') return name.toLowerCase();
  return name;
}

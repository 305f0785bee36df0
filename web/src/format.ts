/** Numbers and sizes as the console prints them. */
export const fmtInt = (n: number | null | undefined) =>
  n == null ? '—' : Math.round(n).toLocaleString('en');
export const fmtNum = (n: number | null | undefined, digits = 1) =>
  n == null ? '—' : n.toLocaleString('en', { maximumFractionDigits: digits, minimumFractionDigits: digits });
export function fmtBytes(n: number | null | undefined): string {
  if (n == null) return '—';
  const units = ['B', 'KB', 'MB', 'GB'];
  let v = n;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return `${v.toFixed(u === 0 ? 0 : 1)} ${units[u]}`;
}
export const SEVERITY_COLORS: Record<string, string> = {
  critical: '#c62828',
  high: '#ef6c00',
  medium: '#f9a825',
  low: '#1976d2',
  unknown: '#455a64',
  negligible: '#90a4ae',
};
/** Days between two YYYY-MM-DD, inclusive of both. */
export function daysBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += 86_400_000)
    out.push(new Date(t).toISOString().slice(0, 10));
  return out;
}

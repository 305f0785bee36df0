/** The suggestion as text (a table per part) or JSON. */
import { SEVERITIES } from '../../advisory/types.js';
import type { ImageProof } from './image-proof.js';
import type { Suggestion } from './suggestion-types.js';

const mb = (n?: number) =>
  n === undefined ? '-' : n < 1e6 ? `${(n / 1e3).toFixed(1)} kB` : `${(n / 1e6).toFixed(1)} MB`;
const money = (n: number, currency: string) => `${Math.round(n).toLocaleString('en-US')} ${currency}`;

function row(cells: string[], widths: number[]): string {
  return cells
    .map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!)))
    .join('  ')
    .trimEnd();
}

/** Renders a suggestion; `json` gives the whole result. */
export function renderSuggestion(s: Suggestion, format: 'table' | 'json'): string {
  if (format === 'json') return `${JSON.stringify(s, null, 2)}\n`;
  const out: string[] = [];
  const p = s.proof;
  out.push(`Suggestion for ${s.source} (Debian ${s.suite}, ${s.architecture})`);
  out.push(`  runs     ${s.command.length ? s.command.join(' ') : '(no entrypoint or cmd)'}`);
  out.push(
    `  as       ${s.user.user} (uid ${s.user.uid})${s.user.runsAsRoot ? ' — the original runs as root' : ''}`,
  );
  out.push(`  written  ${s.files.imageFile}, ${s.files.applicationLayer}, ${s.files.image}`);
  if (s.check) out.push(`  check    "${s.check.command}" passed as uid ${s.check.uid}`);
  out.push('');
  const widths = [22, 14, 14];
  out.push(row(['', 'original', 'suggested'], widths));
  const side = (f: (x: ImageProof) => string) => [f(p.original), f(p.suggested)];
  out.push(row(['packages', ...side((x) => String(x.packages))], widths));
  out.push(row(['size (compressed)', ...side((x) => mb(x.sizeBytes))], widths));
  if (p.original.today && p.suggested.today) {
    out.push(row(['CVEs today', ...side((x) => String(x.today!.total))], widths));
    for (const sev of SEVERITIES)
      if (p.original.today.bySeverity[sev] || p.suggested.today.bySeverity[sev])
        out.push(row([`  ${sev}`, ...side((x) => String(x.today!.bySeverity[sev]))], widths));
  }
  if (p.original.lastYear && p.suggested.lastYear)
    out.push(row(['CVEs over the year', ...side((x) => String(x.lastYear!.accumulated))], widths));
  out.push('');
  out.push(`Scanned: ${p.span}${p.db ? `; DB ${p.db.path} built ${p.db.builtAt}` : ''}.`);
  if (p.avoided) {
    const a = p.assumptions;
    const line = (what: string, v: { cves: number; hours: number; money: number }) =>
      `  ${what}: ${v.cves} CVEs, ${v.hours} hours, ${money(v.money, a.currency)}`;
    out.push(`Avoided at ${a.hoursPerCve} h per CVE and ${a.hourlyRate} ${a.currency} an hour:`);
    out.push(line('today', p.avoided.today));
    if (p.avoided.lastYear) out.push(line('over the year', p.avoided.lastYear));
  }
  out.push('');
  out.push(`Packages (${s.packages.length}; declared by the analysis, the rest pulled by Depends):`);
  for (const pkg of s.packages.filter((x) => x.declared))
    out.push(`  ${pkg.name} ${pkg.version}: ${pkg.reasons[0] ?? ''}`);
  const pulled = s.packages.filter((x) => !x.declared).map((x) => x.name);
  if (pulled.length) out.push(`  + ${pulled.join(', ')}`);
  out.push(`Application layer: ${s.application.files} files no package owns, ${mb(s.application.bytes)}.`);
  if (s.leftOut.length)
    out.push(
      `Left out (${s.leftOut.length}, nothing the program was found to need): ${s.leftOut.join(', ')}`,
    );
  if (s.explain) out.push('', ...s.explain);
  if (s.counterparts.length) {
    out.push('', 'Known counterparts (where reachable, scanned with the same DB and rules):');
    const compared = s.counterparts.filter((c) => c.proof);
    const cw = [Math.max(0, ...compared.map((c) => c.ref.length + c.kind.length + 3)), 9, 10, 6, 9];
    if (compared.length) out.push(row(['', 'packages', 'size', 'CVEs', 'the year'], cw));
    for (const c of s.counterparts) {
      const name = `${c.ref} (${c.kind})`;
      if (!c.proof) out.push(`${name}: not compared: ${c.unreachable ?? 'not read'}`);
      else
        out.push(
          row(
            [
              name,
              String(c.proof.packages),
              mb(c.proof.sizeBytes),
              c.proof.today ? String(c.proof.today.total) : '-',
              c.proof.lastYear ? String(c.proof.lastYear.accumulated) : '-',
            ],
            cw,
          ),
        );
    }
  }
  for (const n of s.notes) out.push(`Note: ${n}`);
  for (const w of s.warnings) out.push(`Warning: ${w}`);
  return `${out.join('\n')}\n`;
}

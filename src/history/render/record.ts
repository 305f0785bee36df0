/** Renders what `track` and `import` recorded: table (terminal), json, csv. */
import { SEVERITIES } from '../../advisory/types.js';
import { csvField } from '../../report/scan/csv.js';
import type { ImportResult } from '../import/index.js';
import type { TrackResult } from '../track.js';
import type { HistoryFormat } from './index.js';

const lines = (rows: string[][]) => rows.map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';

function summary(recorded: number, unchanged: number, ref: string): string {
  const already = unchanged ? ` (${unchanged} already recorded, left as they were)` : '';
  return `recorded ${recorded} observation${recorded === 1 ? '' : 's'} of ${ref}${already}`;
}

/** `track --format …`. */
export function renderTrack(format: HistoryFormat, r: TrackResult): string {
  if (format === 'json') return `${JSON.stringify(r, null, 2)}\n`;
  const rows = r.points.map((p) => [
    p.observedAt,
    p.digest,
    ...SEVERITIES.map((s) => String(p.bySeverity[s])),
    String(p.total),
    p.source,
  ]);
  if (format === 'csv') return lines([['observed_at', 'digest', ...SEVERITIES, 'total', 'source'], ...rows]);
  const body = r.points.map(
    (p) =>
      `  ${p.observedAt.slice(0, 10)}  ${String(p.total).padStart(5)}  ${p.digest.slice(0, 19)}  ${p.source}`,
  );
  return `${summary(r.recorded, r.unchanged, `${r.image}:${r.tag}`)}\n${body.join('\n')}\n`;
}

/** `import --format …`. */
export function renderImport(format: HistoryFormat, r: ImportResult): string {
  if (format === 'json') return `${JSON.stringify(r, null, 2)}\n`;
  if (format === 'csv')
    return lines([
      [
        'image',
        'tag',
        'format',
        'scanner',
        'scanner_version',
        'digest',
        'observed_at',
        'findings',
        'recorded',
      ],
      [
        r.image,
        r.tag,
        r.format,
        r.scanner.name,
        r.scanner.version,
        r.digest,
        r.observedAt,
        String(r.findings),
        String(r.recorded),
      ],
    ]);
  return `${summary(r.recorded, r.unchanged, `${r.image}:${r.tag}`)}: ${r.scanner.name} ${r.scanner.version} result, ${r.findings} findings, ${r.digest.slice(0, 19)} at ${r.observedAt}\n`;
}

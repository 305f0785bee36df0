/** CSV (RFC 4180, CRLF) of history and compare: one row per point, the same columns in both. */
import { SEVERITIES } from '../../advisory/types.js';
import { csvRows } from '../../report/csv-cell.js';
import type { CompareResult } from '../compare.js';
import type { HistoryResult } from '../history.js';
import type { Point } from '../types.js';

const POINT_HEADER = [
  'day',
  'kind',
  'digest',
  ...SEVERITIES,
  'total',
  'fixed',
  'not_fixed',
  'wont_fix',
  'scanner',
  'scanner_version',
  'db_built_at',
];

function pointRow(p: Point): string[] {
  return [
    p.day,
    p.kind,
    p.digest,
    ...SEVERITIES.map((s) => String(p.bySeverity[s])),
    String(p.total),
    String(p.byFixState.fixed),
    String(p.byFixState['not-fixed']),
    String(p.byFixState['wont-fix']),
    p.scanner.name,
    p.scanner.version,
    p.db.builtAt ?? '',
  ];
}

// every cell neutralised against formulas (src/report/csv-cell.ts)
const lines = csvRows;

/** `history --format csv`. */
export function historyCsv(result: HistoryResult): string {
  return lines([
    ['image', 'tag', ...POINT_HEADER],
    ...result.points.map((p) => [result.image, result.tag, ...pointRow(p)]),
  ]);
}

/** `compare --format csv`: the points of every image, with the accumulation column. */
export function compareCsv(result: CompareResult): string {
  return lines([
    ['image', ...POINT_HEADER, 'cumulative'],
    ...result.images.flatMap((img) => img.points.map((p) => [img.ref, ...pointRow(p), String(p.cumulative)])),
  ]);
}

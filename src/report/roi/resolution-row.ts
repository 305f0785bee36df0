/** One resolution as a CSV row, the columns `resolved --format csv` and the report's CSV share. */
import type { Resolution } from '../../history/resolved/types.js';
import { csvRows } from '../csv-cell.js';

export const RESOLUTION_HEADER = [
  'image',
  'day',
  'at',
  'vulnerability',
  'severity',
  'package',
  'how',
  'detail',
  'source',
  'detected_at',
  'time_to_fix_days',
];

/** The cells of one resolution of an image. */
export function resolutionCells(image: string, x: Resolution): string[] {
  return [
    image,
    x.day,
    x.at,
    x.vulnerability,
    x.severity,
    x.package,
    x.how,
    x.detail,
    x.source,
    x.detectedAt ?? '',
    x.timeToFixDays === undefined ? '' : String(x.timeToFixDays),
  ];
}

/** Rows as RFC 4180 CSV with CRLF line ends, each cell neutralised against formulas (../csv-cell.ts). */
export const csvLines = csvRows;

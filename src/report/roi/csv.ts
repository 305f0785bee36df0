/** The ROI report as CSV (RFC 4180, CRLF): one row per resolution, with the image and its ROI inputs. */
import type { RoiReport } from '../../history/resolved/roi-report.js';
import { csvField } from '../scan/csv.js';

const HEADER = [
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
  'hours',
  'money',
  'currency',
];

/** Every resolution of the report, valued under its assumptions. */
export function renderRoiCsv(r: RoiReport): string {
  const a = r.assumptions;
  const rows = r.images.flatMap((img) =>
    img.resolutions.map((x) => {
      const hours = a.hoursBySeverity[x.severity] ?? a.hoursPerCve;
      return [
        img.ref,
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
        String(hours),
        String(Math.round(hours * a.hourlyRate * 100) / 100),
        a.currency,
      ];
    }),
  );
  return [HEADER, ...rows].map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';
}

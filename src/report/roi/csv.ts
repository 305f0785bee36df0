/** The ROI report as CSV (RFC 4180, CRLF): one row per resolution, with the image and its ROI inputs. */
import type { RoiReport } from '../../history/resolved/roi-report.js';
import { csvLines, RESOLUTION_HEADER, resolutionCells } from './resolution-row.js';

/** Every resolution of the report, valued under its assumptions. */
export function renderRoiCsv(r: RoiReport): string {
  const a = r.assumptions;
  const rows = r.images.flatMap((img) =>
    img.resolutions.map((x) => {
      const hours = a.hoursBySeverity[x.severity] ?? a.hoursPerCve;
      const money = Math.round(hours * a.hourlyRate * 100) / 100;
      return [...resolutionCells(img.ref, x), String(hours), String(money), a.currency];
    }),
  );
  return csvLines([[...RESOLUTION_HEADER, 'hours', 'money', 'currency'], ...rows]);
}

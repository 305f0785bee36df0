/** Downloads of what a view shows, built from the API answer it drew. */
import type { CompareResult } from '../api';
// the one CSV cell of the project: RFC 4180 quoting and formula neutralisation (OWASP)
import { csvRows } from '../../../src/report/csv-cell';

function download(name: string, type: string, text: string) {
  const a = document.createElement('a');
  a.href = URL.createObjectURL(new Blob([text], { type }));
  a.download = name;
  a.click();
  URL.revokeObjectURL(a.href);
}

export const exportJson = (data: CompareResult) =>
  download('cleanroom-compare.json', 'application/json', JSON.stringify(data, null, 2));

export function exportCsv(data: CompareResult) {
  const head = 'image,day,kind,total,critical,high,medium,low,unknown,negligible,cumulative'.split(',');
  const rows = data.images.flatMap((i) =>
    i.points.map((p) => [
      i.ref,
      p.day,
      p.kind,
      p.total,
      p.bySeverity.critical,
      p.bySeverity.high,
      p.bySeverity.medium,
      p.bySeverity.low,
      p.bySeverity.unknown,
      p.bySeverity.negligible,
      p.cumulative ?? '',
    ]),
  );
  download('cleanroom-compare.csv', 'text/csv', csvRows([head, ...rows]));
}

/** The Alternatives tab's table: one column per image (original, suggestion, counterparts), one row per number. */
import type { ReactNode } from 'react';
import { SEVERITIES } from '../../api';
import { fmtBytes, fmtInt, fmtNum, SEVERITY_COLORS } from '../../format';
import type { ImageProof } from './suggestion-answer';

export function SideBySide({ columns }: { columns: { label: ReactNode; proof: ImageProof }[] }) {
  const rows: { label: string; cell: (x: ImageProof) => ReactNode; testId: string }[] = [
    { label: 'packages', cell: (x) => fmtInt(x.packages), testId: 'packages' },
    { label: 'size (compressed)', cell: (x) => fmtBytes(x.sizeBytes), testId: 'size' },
    { label: 'CVEs today', cell: (x) => fmtInt(x.today?.total), testId: 'today' },
    ...SEVERITIES.map((sev) => ({
      label: sev,
      testId: sev,
      cell: (x: ImageProof) =>
        x.today ? (
          <span
            className={`sev ${sev}${x.today.bySeverity[sev] === 0 ? ' zero' : ''}`}
            style={x.today.bySeverity[sev] ? { background: SEVERITY_COLORS[sev] } : undefined}
          >
            {x.today.bySeverity[sev]}
          </span>
        ) : (
          '—'
        ),
    })),
    {
      label: 'CVEs over the year',
      cell: (x) => (x.lastYear ? fmtInt(x.lastYear.accumulated) : '—'),
      testId: 'year',
    },
    {
      label: 'daily average over the year',
      cell: (x) => (x.lastYear ? fmtNum(x.lastYear.dailyAverage) : '—'),
      testId: 'average',
    },
  ];
  return (
    <table data-testid="alternatives-table">
      <thead>
        <tr>
          <th scope="col"></th>
          {columns.map((c, i) => (
            <th scope="col" className="num" key={i}>
              {c.label}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.label} data-testid={`row-${r.testId}`}>
            <th scope="row">{r.label}</th>
            {columns.map((c, i) => (
              <td className="num" key={i}>
                {r.cell(c.proof)}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

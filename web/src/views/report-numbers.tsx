/** The Report page's numbers: the report of `GET /api/report?format=json`, as cards and a table per image. */
import { Card } from '../components';
import { fmtInt, fmtNum } from '../format';
import { useApi } from '../use-api';
import { ImageLink } from './cve-drill';

/** The report's numbers as `GET /api/report?format=json` answers them (src/history/resolved/roi-report.ts). */
interface ReportNumbers {
  images: {
    ref: string;
    roi: { cves: number; hours: number; money: number };
    avoided: {
      alternative: string;
      chosenAccumulated: number;
      alternativeAccumulated: number;
      cves: number;
      money: number;
    }[];
  }[];
  total: { resolved: number; hours: number; money: number };
}

/**
 * The report's numbers, computed by the server as `cleanroom report` computes them (resolved,
 * hours, money, avoided against each alternative), read from the same route as the downloads.
 */
export function Numbers({
  query,
  since,
  to,
  hours,
  rate,
  currency,
  alternatives,
}: {
  query: string;
  since: string;
  to: string;
  hours: number;
  rate: number;
  currency: string;
  alternatives: number;
}) {
  const report = useApi<ReportNumbers>(`/api/report?${query}&format=json`);
  if (report.state === 'error')
    return (
      <p className="status error" role="alert">
        {report.error}
      </p>
    );
  const r = report.state === 'ready' ? report.data : null;
  const avoided = r?.images.flatMap((img) => img.avoided.map((a) => ({ img: img.ref, ...a }))) ?? [];
  // the report's total shows the largest avoided figure among the alternatives (docs/roi.md)
  const best = avoided.reduce<(typeof avoided)[number] | null>(
    (b, a) => (!b || a.cves > b.cves ? a : b),
    null,
  );
  const money = (n: number) => `${fmtInt(n)} ${currency}`;
  return (
    <>
      <div className="cards" aria-busy={!r}>
        <Card
          label="CVEs resolved"
          value={r ? fmtInt(r.total.resolved) : '…'}
          sub={`${since} → ${to}`}
          testId="roi-cves"
        />
        <Card
          label="Hours saved"
          value={r ? fmtInt(r.total.hours) : '…'}
          sub={`${fmtNum(hours, 1)} h per CVE`}
          testId="roi-hours"
        />
        <Card
          label="Money saved"
          value={r ? money(r.total.money) : '…'}
          sub={`${fmtInt(rate)} ${currency} per hour`}
          testId="roi-money"
        />
        <Card
          label={best ? `CVEs avoided vs ${best.alternative}` : 'CVEs avoided'}
          value={best ? fmtInt(best.cves) : alternatives && !r ? '…' : '—'}
          sub={
            best
              ? `${money(best.money)} · ${best.alternativeAccumulated} − ${best.chosenAccumulated} accumulated`
              : 'name an alternative'
          }
          testId="roi-avoided"
        />
      </div>
      {r && (r.images.length > 1 || avoided.length > 1) && (
        <section className="panel table-wrap">
          <h2>Per image</h2>
          <table data-testid="roi-table">
            <thead>
              <tr>
                <th scope="col">image</th>
                <th scope="col" className="num">
                  resolved
                </th>
                <th scope="col" className="num">
                  hours
                </th>
                <th scope="col" className="num">
                  money
                </th>
                {r.images[0]!.avoided.map((a) => (
                  <th scope="col" className="num" key={a.alternative}>
                    avoided vs <ImageLink refText={a.alternative} />
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {r.images.map((img) => (
                <tr key={img.ref}>
                  <th scope="row">
                    <ImageLink refText={img.ref} />
                  </th>
                  <td className="num">{fmtInt(img.roi.cves)}</td>
                  <td className="num">{fmtInt(img.roi.hours)}</td>
                  <td className="num">{money(img.roi.money)}</td>
                  {img.avoided.map((a) => (
                    <td className="num" key={a.alternative}>
                      {fmtInt(a.cves)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
    </>
  );
}

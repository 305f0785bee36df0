/** Report: the ROI of the resolved issue (docs/roi.md) with its assumptions editable; numbers follow. */
import { useState } from 'react';
import { splitRef, tagPath, type CompareResult } from '../api';
import { Card, Status } from '../components';
import { fmtInt } from '../format';
import { useApi } from '../use-api';
import { TagPicker } from './tag-picker';

interface Roi {
  assumptions: { hoursPerCve: number; hourlyRate: number; currency: string };
  roi: { cves: number; hours: number; money: number };
}

const today = () => new Date().toISOString().slice(0, 10);

export default function Report(_props: { url: URL }) {
  const [ref, setRef] = useState('cgr.dev/chainguard/python:latest');
  const [alternative, setAlternative] = useState('debian/python:bookworm');
  const [since, setSince] = useState('2024-01-01');
  const [to, setTo] = useState('2024-12-31');
  const [hours, setHours] = useState(3);
  const [rate, setRate] = useState(100);
  const { image, tag } = splitRef(ref);
  const ok = hours > 0 && rate >= 0;
  const roi = useApi<Roi>(
    ok ? `${tagPath(image, tag)}/roi?from=${since}&to=${to}&hoursPerCve=${hours}&hourlyRate=${rate}` : null,
  );
  const cmp = useApi<CompareResult>(
    `/api/compare?images=${encodeURIComponent(`${ref},${alternative}`)}&from=${since}&to=${to}&replay=true`,
  );
  const acc = (i: number) =>
    cmp.state === 'ready' ? (cmp.data.images[i]?.points.at(-1)?.cumulative ?? 0) : null;
  const avoided = acc(0) == null ? null : Math.max(0, acc(1)! - acc(0)!);
  const money = (n: number) =>
    `${fmtInt(n)} ${roi.state === 'ready' ? roi.data.assumptions.currency : 'USD'}`;
  return (
    <>
      <h1>ROI report</h1>
      <p className="sub">
        Hours saved = resolved CVEs × hours per CVE; money = hours × rate; avoided = what the alternative
        accumulated minus what this image did. Planning figures, not measurements (docs/roi.md).
      </p>
      <div className="panel controls">
        <TagPicker value={ref} onChange={setRef} />
        <TagPicker value={alternative} onChange={setAlternative} label="Alternative" />
        <label>
          Since
          <input
            type="date"
            value={since}
            max={today()}
            onChange={(e) => e.target.value && setSince(e.target.value)}
          />
        </label>
        <label>
          To
          <input type="date" value={to} onChange={(e) => e.target.value && setTo(e.target.value)} />
        </label>
        <label>
          Hours per CVE
          <input
            type="number"
            min="0.1"
            step="0.5"
            value={hours}
            onChange={(e) => setHours(Number(e.target.value))}
            data-testid="hours"
          />
        </label>
        <label>
          Hourly rate
          <input
            type="number"
            min="0"
            step="10"
            value={rate}
            onChange={(e) => setRate(Number(e.target.value))}
            data-testid="rate"
          />
        </label>
      </div>
      {!ok && (
        <p className="status error" role="alert">
          Hours per CVE must be positive and the rate not negative.
        </p>
      )}
      <Status loaded={roi}>
        {(r) => (
          <div className="cards">
            <Card
              label="CVEs resolved"
              value={fmtInt(r.roi.cves)}
              sub={`${since} → ${to}`}
              testId="roi-cves"
            />
            <Card
              label="Hours saved"
              value={fmtInt(r.roi.hours)}
              sub={`${r.assumptions.hoursPerCve} h per CVE`}
              testId="roi-hours"
            />
            <Card
              label="Money saved"
              value={money(r.roi.money)}
              sub={`${r.assumptions.hourlyRate} per hour`}
              testId="roi-money"
            />
            <Card
              label={`CVEs avoided vs ${alternative}`}
              value={fmtInt(avoided)}
              sub={avoided == null ? undefined : `${money(avoided * hours * rate)}`}
              testId="roi-avoided"
            />
          </div>
        )}
      </Status>
      {roi.state === 'ready' && (
        <p>
          Download:{' '}
          <a
            download="cleanroom-roi.json"
            href={URL.createObjectURL(
              new Blob([JSON.stringify(roi.data, null, 2)], { type: 'application/json' }),
            )}
          >
            JSON
          </a>
        </p>
      )}
    </>
  );
}

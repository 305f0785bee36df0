/**
 * Report: the ROI of the resolved issue (docs/roi.md) with its assumptions editable and the numbers
 * following live; the report itself (HTML, PDF, CSV, JSON, Markdown) downloaded from /api/report
 * with the same images, range, alternatives and assumptions.
 */
import { useState } from 'react';
import { lastDataDay, latestRefs, presetFrom, refsOf, type ImageList } from '../api';
import { DownloadLink, Status } from '../components';
import { useApi } from '../use-api';
import { Numbers } from './report-numbers';

const FORMATS = [
  ['html', 'HTML'],
  ['pdf', 'PDF'],
  ['csv', 'CSV'],
  ['json', 'JSON'],
  ['md', 'Markdown'],
] as const;

const split = (s: string) =>
  s
    .split(',')
    .map((r) => r.trim())
    .filter(Boolean);

export default function Report(_props: { url: URL }) {
  const list = useApi<ImageList>('/api/images?limit=500');
  return (
    <>
      <h1>ROI report</h1>
      <p className="sub">
        Hours saved = resolved CVEs × hours per CVE; money = hours × rate; avoided = what the alternative
        accumulated (distinct CVEs counted on any day since the start date) minus what the image did. Planning
        figures, not measurements (docs/roi.md).
      </p>
      <Status loaded={list} empty={(d) => d.images.length === 0}>
        {(d) => <ReportFor list={d} />}
      </Status>
    </>
  );
}

/** The defaults: the tag whose data ends last, against the other such tag as never rebuilt since the range began. */
function defaults(list: ImageList) {
  const recent = latestRefs(list, 2);
  const to = lastDataDay(list, recent) ?? new Date().toISOString().slice(0, 10);
  const since = presetFrom(to, '1y');
  return {
    images: recent[0] ?? '',
    alternatives: recent[1] ? `${recent[1]}@${since}` : '',
    since,
    to,
  };
}

function ReportFor({ list }: { list: ImageList }) {
  const init = defaults(list);
  const [imagesText, setImagesText] = useState(init.images);
  const [altText, setAltText] = useState(init.alternatives);
  const [since, setSince] = useState(init.since);
  const [to, setTo] = useState(init.to);
  const [hours, setHours] = useState(3);
  const [rate, setRate] = useState(100);
  const [currency, setCurrency] = useState('USD');
  // the lists are read when the user leaves the field (or presses Enter), not at every key
  const [images, setImages] = useState(split(init.images));
  const [alternatives, setAlternatives] = useState(split(init.alternatives));
  const ok = hours > 0 && rate >= 0 && /^[A-Z]{3}$/.test(currency) && images.length > 0 && since <= to;
  const query = new URLSearchParams({
    images: images.join(','),
    from: since,
    to,
    ...(alternatives.length && { alternatives: alternatives.join(',') }),
    hoursPerCve: String(hours),
    hourlyRate: String(rate),
    currency,
  }).toString();
  return (
    <>
      <form className="panel controls" onSubmit={(e) => e.preventDefault()} aria-label="Report settings">
        <datalist id="report-refs">
          {refsOf(list).map((r) => (
            <option key={r.ref} value={r.ref} />
          ))}
        </datalist>
        <label className="grow">
          Images (NAME:TAG, comma-separated)
          <input
            value={imagesText}
            list="report-refs"
            onChange={(e) => setImagesText(e.target.value)}
            onBlur={() => setImages(split(imagesText))}
            onKeyDown={(e) => e.key === 'Enter' && setImages(split(imagesText))}
            data-testid="report-images"
          />
        </label>
        <label className="grow">
          Alternatives (NAME:TAG or NAME:TAG@DATE, as if never rebuilt after that day)
          <input
            value={altText}
            list="report-refs"
            onChange={(e) => setAltText(e.target.value)}
            onBlur={() => setAlternatives(split(altText))}
            onKeyDown={(e) => e.key === 'Enter' && setAlternatives(split(altText))}
            data-testid="report-alternatives"
          />
        </label>
        <label>
          Since
          <input type="date" value={since} onChange={(e) => e.target.value && setSince(e.target.value)} />
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
        <label>
          Currency
          <input
            value={currency}
            size={4}
            maxLength={3}
            onChange={(e) => setCurrency(e.target.value.toUpperCase())}
            data-testid="currency"
          />
        </label>
      </form>
      {!ok ? (
        <p className="status error" role="alert">
          Name at least one image; hours per CVE must be positive, the rate not negative, the currency a
          three-letter code, and since not after to.
        </p>
      ) : (
        <Numbers
          query={query}
          since={since}
          to={to}
          hours={hours}
          rate={rate}
          currency={currency}
          alternatives={alternatives.length}
        />
      )}
      <section className="panel" aria-label="Download the report">
        <h2>Download the report</h2>
        <p className="kind">
          The same images, range, alternatives and assumptions, as <code>cleanroom report</code> writes it.
        </p>
        <div className="controls" data-testid="downloads">
          {FORMATS.map(([f, label]) => (
            <DownloadLink
              key={f}
              href={`/api/report?${query}&format=${f}`}
              aria-disabled={!ok}
              data-format={f}
            >
              {label}
            </DownloadLink>
          ))}
        </div>
      </section>
    </>
  );
}

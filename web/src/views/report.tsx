/**
 * Report: the ROI of the resolved issue (docs/roi.md) with its assumptions editable and the numbers
 * following live; the report itself (HTML, PDF, CSV, JSON, Markdown) downloaded from /api/report
 * with the same images, range, alternatives and assumptions.
 */
import { useEffect, useState } from 'react';
import { lastDataDay, seriesRefs, presetFrom, refsOf, rulesQuery, splitRef, type ImageList } from '../api';
import { rulesOf } from '../compare-path';
import { DownloadLink, Status } from '../components';
import { navigateWith } from '../router';
import { useApi } from '../use-api';
import { Numbers } from './report-numbers';
import { RulesBar } from './rules-bar';

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

export default function Report({ url }: { url: URL }) {
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
        {(d) => <ReportFor list={d} q={url.searchParams} />}
      </Status>
    </>
  );
}

/** The first day an image has data: a pin before it would name no digest. */
const firstDay = (list: ImageList, ref: string) =>
  list.images.find((i) => i.name === splitRef(ref).image)?.firstSeen.slice(0, 10);

/**
 * What the URL does not say: the images asked for (`?images=`), else the tag whose data ends last;
 * against another such tag as never rebuilt since the range began (or since its first data, when
 * it is younger than the range), over the year up to the images' last day with data.
 */
function defaults(list: ImageList, q: URLSearchParams) {
  const recent = seriesRefs(list, 2);
  const images = q.get('images') ?? recent[0] ?? '';
  const other = recent.find((r) => !split(images).includes(r));
  // the range ends on the last day with data of the images and that alternative
  const to =
    q.get('to') ??
    lastDataDay(list, [...split(images), ...(other ? [other] : [])]) ??
    new Date().toISOString().slice(0, 10);
  const since = q.get('from') ?? presetFrom(to, '1y');
  const pin = other && [since, firstDay(list, other) ?? since].sort().at(-1)!;
  return { images, alternatives: q.get('alternatives') ?? (other ? `${other}@${pin}` : ''), since, to };
}

const num = (v: string | null, d: number) =>
  v === null || v === '' || Number.isNaN(Number(v)) ? d : Number(v);

function ReportFor({ list, q }: { list: ImageList; q: URLSearchParams }) {
  // every choice lives in the URL (names as /api/report reads them): a copied URL is the same view
  const init = defaults(list, q);
  const images = split(init.images);
  const alternatives = split(init.alternatives);
  const { since, to } = init;
  const hours = num(q.get('hoursPerCve'), 3);
  const rate = num(q.get('hourlyRate'), 100);
  const currency = q.get('currency') ?? 'USD';
  const rules = rulesOf(q);
  const set = (changes: Record<string, string | null>, replace = false) =>
    navigateWith('/report', q, changes, replace);
  // the defaults written down once, so the URL alone says what the page shows
  useEffect(() => {
    if (!q.get('images') || !q.get('from') || !q.get('to') || q.get('alternatives') === null)
      set({ images: init.images, alternatives: init.alternatives, from: since, to }, true);
  });
  const [imagesText, setImagesText] = useState(init.images);
  const [altText, setAltText] = useState(init.alternatives);
  useEffect(() => setImagesText(init.images), [init.images]);
  useEffect(() => setAltText(init.alternatives), [init.alternatives]);
  const ok = hours > 0 && rate >= 0 && /^[A-Z]{3}$/.test(currency) && images.length > 0 && since <= to;
  const rq = rulesQuery(rules);
  const query =
    new URLSearchParams({
      images: images.join(','),
      from: since,
      to,
      ...(alternatives.length && { alternatives: alternatives.join(',') }),
      hoursPerCve: String(hours),
      hourlyRate: String(rate),
      currency,
    }).toString() + (rq ? `&${rq}` : '');
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
            onBlur={() => imagesText !== init.images && set({ images: imagesText })}
            onKeyDown={(e) => e.key === 'Enter' && set({ images: imagesText })}
            data-testid="report-images"
          />
        </label>
        <label className="grow">
          Alternatives (NAME:TAG or NAME:TAG@DATE, as if never rebuilt after that day)
          <input
            value={altText}
            list="report-refs"
            onChange={(e) => setAltText(e.target.value)}
            onBlur={() => altText !== init.alternatives && set({ alternatives: altText })}
            onKeyDown={(e) => e.key === 'Enter' && set({ alternatives: altText })}
            data-testid="report-alternatives"
          />
        </label>
        <label>
          Since
          <input
            type="date"
            value={since}
            onChange={(e) => e.target.value && set({ from: e.target.value })}
          />
        </label>
        <label>
          To
          <input type="date" value={to} onChange={(e) => e.target.value && set({ to: e.target.value })} />
        </label>
        <label>
          Hours per CVE
          <input
            type="number"
            min="0.1"
            step="0.5"
            value={hours}
            onChange={(e) => set({ hoursPerCve: e.target.value }, true)}
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
            onChange={(e) => set({ hourlyRate: e.target.value }, true)}
            data-testid="rate"
          />
        </label>
        <label>
          Currency
          <input
            value={currency}
            size={4}
            maxLength={3}
            onChange={(e) => set({ currency: e.target.value.toUpperCase() }, true)}
            data-testid="currency"
          />
        </label>
      </form>
      <RulesBar
        rules={rules}
        onChange={(r) =>
          set({
            countBy: r.countBy === 'vulnerability' ? null : r.countBy,
            includeNegligible: r.includeNegligible ? 'true' : null,
            ignoreStates: r.wontFix ? null : 'wont-fix',
            lens: r.lens === 'now' ? 'now' : null,
          })
        }
      />
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

/**
 * An image's page: Overview, Vulnerabilities, Packages, History, Comparison and Alternatives
 * tabs. The tab is in the URL (`?tab=`), so every view of an image can be linked; the tabs follow
 * the ARIA tabs pattern (arrow keys, Home, End move between them).
 */
import { useRef, type KeyboardEvent } from 'react';
import { tagPath } from '../api';
import { Status } from '../components';
import { Link, navigate } from '../router';
import { useApi } from '../use-api';
import { Alternatives } from './image/alternatives';
import { Comparison } from './image/comparison';
import { History } from './image/history';
import { Overview } from './image/overview';
import { Packages } from './image/packages';
import type { Tags } from './image/types';
import { Vulnerabilities } from './image/vulnerabilities';

const TABS = ['Overview', 'Vulnerabilities', 'Packages', 'History', 'Comparison', 'Alternatives'] as const;
type Tab = (typeof TABS)[number];

export default function ImagePage({ url }: { url: URL }) {
  const [, , rawImage = '', rawTag = ''] = url.pathname.split('/');
  const image = decodeURIComponent(rawImage);
  const tag = decodeURIComponent(rawTag);
  const base = tagPath(image, tag);
  const asked = url.searchParams.get('tab');
  const tab: Tab = TABS.find((t) => t.toLowerCase() === asked) ?? 'Overview';
  const tags = useApi<Tags>(`/api/images/${encodeURIComponent(image)}/tags`);
  const refs = useRef<(HTMLButtonElement | null)[]>([]);
  const go = (t: Tab, focus = false) => {
    const next = new URLSearchParams(url.searchParams);
    next.set('tab', t.toLowerCase());
    navigate(`${url.pathname}?${next.toString()}`);
    if (focus) refs.current[TABS.indexOf(t)]?.focus();
  };
  const onKey = (e: KeyboardEvent) => {
    const i = TABS.indexOf(tab);
    const to =
      e.key === 'ArrowRight'
        ? (i + 1) % TABS.length
        : e.key === 'ArrowLeft'
          ? (i + TABS.length - 1) % TABS.length
          : e.key === 'Home'
            ? 0
            : e.key === 'End'
              ? TABS.length - 1
              : -1;
    if (to < 0) return;
    e.preventDefault();
    go(TABS[to]!, true);
  };
  return (
    <>
      <p className="crumbs">
        <Link to="/">Directory</Link> / {image}
      </p>
      <h1>
        {image}:{tag}
      </h1>
      <div className="tabs" role="tablist" aria-label="Image views" onKeyDown={onKey}>
        {TABS.map((t, i) => (
          <button
            key={t}
            ref={(el) => {
              refs.current[i] = el;
            }}
            id={`tab-${t}`}
            role="tab"
            type="button"
            aria-selected={tab === t}
            aria-controls={`panel-${t}`}
            tabIndex={tab === t ? 0 : -1}
            onClick={() => go(t)}
          >
            {t}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`}>
        <Status loaded={tags}>
          {(d) => {
            const me = d.tags.find((t) => t.tag === tag);
            if (!me) return <p className="status">{`${image} has no tag ${tag}.`}</p>;
            const ref = `${image}:${tag}`;
            return (
              <>
                {tab === 'Overview' && <Overview base={base} me={me} registry={d.registry} />}
                {tab === 'Vulnerabilities' && <Vulnerabilities base={base} me={me} url={url} />}
                {tab === 'Packages' && <Packages base={base} />}
                {tab === 'History' && <History base={base} me={me} refText={ref} />}
                {tab === 'Comparison' && <Comparison refText={ref} me={me} />}
                {tab === 'Alternatives' && <Alternatives base={base} refText={ref} />}
              </>
            );
          }}
        </Status>
      </div>
    </>
  );
}

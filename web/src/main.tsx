/** The console: one page per view, each reading only the JSON API. */
import { lazy, StrictMode, Suspense } from 'react';
import { createRoot } from 'react-dom/client';
import { DataSources } from './data-sources';
import { startEarly } from './early';
import { Link, useLocation } from './router';
import './theme.css';

// each view is its own chunk: the Directory does not load Compare's code
const Directory = lazy(() => import('./views/directory'));
const ImagePage = lazy(() => import('./views/image-page'));
const Compare = lazy(() => import('./views/compare'));
const Resolved = lazy(() => import('./views/resolved'));
const Report = lazy(() => import('./views/report'));
const Watches = lazy(() => import('./views/watches'));
const AddImage = lazy(() => import('./views/add-image'));
const CveList = lazy(() => import('./views/cve-list'));
const CvePage = lazy(() => import('./views/cve'));

function Page() {
  const loc = useLocation();
  const path = loc.pathname;
  if (path.startsWith('/image/')) return <ImagePage url={loc} />;
  if (path === '/compare') return <Compare url={loc} />;
  if (path === '/resolved') return <Resolved url={loc} />;
  if (path === '/report') return <Report url={loc} />;
  if (path === '/watches') return <Watches url={loc} />;
  if (path === '/add') return <AddImage url={loc} />;
  if (path === '/cves') return <CveList url={loc} />;
  if (path.startsWith('/cve/')) return <CvePage url={loc} />;
  return <Directory url={loc} />;
}

// its own component reading the location: the highlighted view follows every navigation (a bar of
// Compare opening a CVE page must not leave Compare marked as the page)
function Nav() {
  useLocation();
  return (
    <nav aria-label="Views">
      <Link to="/">Directory</Link>
      <Link to="/compare">Compare</Link>
      <Link to="/resolved">Resolved</Link>
      <Link to="/report">Report</Link>
      <Link to="/watches">Watches</Link>
    </nav>
  );
}

function App() {
  return (
    <>
      <a className="skip" href="#main">
        Skip to content
      </a>
      <header className="top">
        <Link to="/" className="brand">
          cleanroom
        </Link>
        <Nav />
      </header>
      <main id="main">
        <Suspense
          fallback={
            <p className="status" role="status">
              Loading…
            </p>
          }
        >
          <Page />
          <DataSources />
        </Suspense>
      </main>
    </>
  );
}

startEarly(new URL(window.location.href));

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);

/** The Packages tab: the inventory of the latest digest, with its SBOM downloads. */
import { useState } from 'react';
import { DownloadLink, Status } from '../../components';
import { useApi } from '../../use-api';
import type { Pkgs } from './types';

export function Packages({ base }: { base: string }) {
  const pkgs = useApi<Pkgs>(`${base}/packages`);
  const [search, setSearch] = useState('');
  // a tag known only from an imported Grype or Trivy result has findings but no inventory: say so
  if (pkgs.state === 'error' && pkgs.status === 404)
    return (
      <section className="panel" data-testid="packages-none">
        <h2>No package list for this tag</h2>
        <p className="status">
          {pkgs.error}. An imported scanner result carries findings, not an inventory: track the image or its
          SBOM (Add an image) to list its packages and download its SBOM.
        </p>
      </section>
    );
  return (
    <section className="panel">
      <div className="controls">
        <DownloadLink href={`${base}/sbom/cyclonedx`} data-testid="sbom-cyclonedx">
          Download CycloneDX JSON
        </DownloadLink>
        <DownloadLink href={`${base}/sbom/spdx`} data-testid="sbom-spdx">
          Download SPDX JSON
        </DownloadLink>
        <label>
          Search
          <input
            type="search"
            value={search}
            placeholder="package name"
            onChange={(e) => setSearch(e.target.value)}
            data-testid="pkgs-search"
          />
        </label>
      </div>
      <Status loaded={pkgs}>
        {(p) => {
          const shown = p.packages.filter((k) => k.name.toLowerCase().includes(search.trim().toLowerCase()));
          return (
            <div className="table-wrap" tabIndex={0} role="region" aria-label="Packages (scrolls sideways)">
              <p className="kind">
                {shown.length} of {p.packages.length} packages of {p.digest.slice(0, 19)}…
              </p>
              <table data-testid="packages">
                <thead>
                  <tr>
                    <th scope="col">name</th>
                    <th scope="col">version</th>
                    <th scope="col">type</th>
                    <th scope="col">purl</th>
                  </tr>
                </thead>
                <tbody>
                  {shown.map((k, i) => (
                    <tr key={`${k.name}-${k.version}-${i}`}>
                      <td>{k.name}</td>
                      <td className="mono">{k.version}</td>
                      <td>{k.type}</td>
                      <td className="mono small">{k.purl ?? '—'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          );
        }}
      </Status>
    </section>
  );
}

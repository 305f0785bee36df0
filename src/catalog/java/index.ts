import type { Cataloguer, Package } from '../types.js';
import { isArchiveName } from './archive-facts.js';
import { archivePackages } from './packages.js';
import { archiveFacts, reduceArchive } from './reduced.js';

/**
 * The Java cataloguer: Maven packages of jar, war, ear and Jenkins plugin (jpi, hpi) archives and
 * of the archives nested in them (Spring Boot's `BOOT-INF/lib`, a war's `WEB-INF/lib`), from their
 * `pom.properties` files, else their file name and manifest. Java images hold hundreds of
 * megabytes of jars, so it inspects archives by name and the image reader keeps only their facts
 * (reduced.ts); `parse` reads the whole archive as well, for root folders. A nested archive's
 * location is the outer path, `:`, and its path inside (`/app/app.jar:BOOT-INF/lib/x.jar`).
 */
export const javaCataloguer: Cataloguer = {
  name: 'java',
  wants: () => false,
  inspects: (path) => isArchiveName(path),
  reduce: reduceArchive,
  async parse(path, content) {
    const facts = await archiveFacts(content);
    if (!facts) return { packages: [], warnings: [] };
    const byPurl = new Map<string, Package>();
    for (const archive of facts) {
      const location = archive.inner ? `${path}:${archive.inner}` : path;
      for (const pkg of archivePackages(archive, location)) {
        // one library shaded or nested twice is one package found in two places
        const seen = byPurl.get(pkg.purl);
        if (!seen) byPurl.set(pkg.purl, pkg);
        else if (!seen.locations.includes(location)) seen.locations.push(location);
      }
    }
    return { packages: [...byPurl.values()], warnings: [] };
  },
};

import { apkCataloguer } from './apk/index.js';
import { composerCataloguer } from './composer/index.js';
import { dotnetCataloguer } from './dotnet/index.js';
import { dpkgCataloguer } from './dpkg/index.js';
import { gemCataloguer } from './gem/index.js';
import { goCataloguer } from './go/index.js';
import { javaCataloguer } from './java/index.js';
import { npmCataloguer } from './npm/index.js';
import { pythonCataloguer } from './python/index.js';
import { rpmCataloguer } from './rpm/index.js';
import { rustCataloguer } from './rust/index.js';
import type { Cataloguer } from './types.js';

/**
 * Every cataloguer, by name: the one place a package database is registered (DESIGN.md
 * convention 1). OS databases first so that their packages lead the inventory's warnings.
 */
export const cataloguers: ReadonlyMap<string, Cataloguer> = new Map(
  [
    apkCataloguer,
    dpkgCataloguer,
    rpmCataloguer,
    pythonCataloguer,
    npmCataloguer,
    gemCataloguer,
    composerCataloguer,
    dotnetCataloguer,
    goCataloguer,
    rustCataloguer,
    javaCataloguer,
  ].map((c) => [c.name, c]),
);

/**
 * `vendor/composer/installed.json`: the record Composer keeps of what it installed into `vendor/`
 * (https://getcomposer.org/doc/07-runtime.md#installed-versions describes the runtime side). Two
 * shapes exist:
 * - Composer 1: a JSON array of package objects;
 * - Composer 2: `{"packages": [...], "dev": true, "dev-package-names": [...]}`, where
 *   `dev-package-names` lists the packages that came in through `require-dev` only.
 * Each package object is the package's own composer.json enriched by the installer: `name`
 * (`vendor/name`), `version` as the repository published it (`v6.4.1` for a tag `v6.4.1`),
 * `version_normalized`, `type`, `license` (an array since Composer 1.0; a bare string in files
 * written by hand or by old tools, so both are read).
 */
import { z } from 'zod';

export interface ComposerEntry {
  name: string;
  /** as Composer recorded it, e.g. `v6.4.1` or `3.5.0` or `dev-main` */
  version: string;
  /** the package type: `library`, `metapackage`, `composer-plugin`, `project` … */
  type?: string;
  licenses: string[];
  /** whether it came in through `require-dev` only (Composer 2 files say so; Composer 1 files do not) */
  dev: boolean;
}

const licence = z.union([z.string().transform((s) => [s]), z.array(z.string())]);
// one package: each optional field catches on its own, so an odd one never loses the package
const packageObject = z
  .object({
    name: z.string().min(1),
    version: z.string().min(1),
    type: z.string().optional().catch(undefined),
    license: licence.optional().catch(undefined),
  })
  .loose();
const composer2 = z
  .object({
    packages: z.array(z.unknown()),
    'dev-package-names': z.array(z.string()).optional().catch(undefined),
  })
  .loose();

/** The installed packages of a parsed installed.json (either format), or why it has none. */
export function readInstalledJson(json: unknown): { entries: ComposerEntry[]; skipped: number } | string {
  let items: unknown[];
  let devNames = new Set<string>();
  if (Array.isArray(json)) items = json;
  else {
    const parsed = composer2.safeParse(json);
    if (!parsed.success) return 'has no packages list';
    items = parsed.data.packages;
    devNames = new Set(parsed.data['dev-package-names'] ?? []);
  }
  const entries: ComposerEntry[] = [];
  let skipped = 0;
  for (const item of items) {
    const parsed = packageObject.safeParse(item);
    if (!parsed.success) {
      skipped++;
      continue;
    }
    const { name, version, type, license } = parsed.data;
    entries.push({
      name,
      version,
      ...(type ? { type } : {}),
      licenses: (license ?? []).filter((l) => l.length > 0),
      dev: devNames.has(name),
    });
  }
  return { entries, skipped };
}

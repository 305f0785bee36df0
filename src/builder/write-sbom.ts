/**
 * The CycloneDX SBOM written beside a built image, made by cleanroom's own scanner from the image
 * just written (so it says exactly what any scan of the image will say), dated with the image's
 * creation time so that it is reproducible too. `image.tar` → `image.cdx.json`, `image/` →
 * `image.cdx.json`. Of a multi-architecture image, the SBOM is that of the first architecture.
 */
import { writeFile } from 'node:fs/promises';
import { cyclonedxFormat } from '../report/sbom/cyclonedx.js';
import { sbom } from '../sbom.js';
import { tempBeside } from './write-layout.js';

/** The SBOM path of an output path. */
export function sbomPathOf(output: string): string {
  return `${output.replace(/\/+$/, '').replace(/\.tar$/, '')}.cdx.json`;
}

/** Scans the image at `temp` and writes its SBOM to a temp path beside the final one. */
export async function writeSbomTemp(
  temp: string,
  output: string,
  created: Date,
  platform: string,
): Promise<{ temp: string; path: string }> {
  const inventory = await sbom(temp, { platform });
  // the inventory names the temp path it was read from; the SBOM should name the output
  const named = { ...inventory, target: { ...inventory.target, reference: output.replace(/\/+$/, '') } };
  const path = sbomPathOf(output);
  const sbomTemp = tempBeside(path);
  await writeFile(sbomTemp, cyclonedxFormat.render(named, { now: created, color: false }));
  return { temp: sbomTemp, path };
}

/**
 * `track --server` and `import --server`: the work a CI job can do where the image is (pull,
 * catalogue) is done here; the SBOM or the peer result goes to the server, which matches it with
 * its own advisory DB and records it in its store. Nothing is written locally.
 */
import { readFile } from 'node:fs/promises';
import { InputError, errorMessage } from '../errors.js';
import { parseTagRef } from '../history/image-ref.js';
import type { ImportResult } from '../history/import/index.js';
import type { TrackResult } from '../history/track.js';
import { toCycloneDx } from '../report/sbom/cyclonedx.js';
import { sbom, type SbomOptions } from '../sbom.js';
import { readSbomFile } from '../sbom-input/read-sbom-file.js';
import { postToServer, type ServerTarget } from './server-client.js';

export interface RemoteOptions extends SbomOptions {
  as: string;
  at?: string;
  onSource?: (done: number, total: number, source: string) => void;
}

/** Sends each source's SBOM to the server's /api/track; the answers merged as one TrackResult. */
export async function trackOnServer(
  target: ServerTarget,
  sources: readonly string[],
  options: RemoteOptions,
): Promise<TrackResult> {
  const ref = parseTagRef(options.as, '--as');
  const merged: TrackResult = {
    schemaVersion: '1',
    image: ref.image,
    tag: ref.tag,
    points: [],
    recorded: 0,
    unchanged: 0,
  };
  for (const [i, source] of sources.entries()) {
    // an SBOM file goes as it is (its own dates and format); an image as the CycloneDX of its inventory
    const body = (await readSbomFile(source))
      ? await readFile(source, 'utf8')
      : JSON.stringify(toCycloneDx(await sbom(source, options), new Date()));
    const answer = (await postToServer(
      target,
      '/api/track',
      { as: options.as, at: options.at },
      body,
    )) as TrackResult;
    merged.points.push(...answer.points.map((p) => ({ ...p, source })));
    merged.recorded += answer.recorded;
    merged.unchanged += answer.unchanged;
    options.onSource?.(i + 1, sources.length, source);
  }
  return merged;
}

/** Sends a Grype or Trivy JSON result to the server's /api/import. */
export async function importOnServer(
  target: ServerTarget,
  file: string,
  options: { as: string; at?: string },
): Promise<ImportResult> {
  parseTagRef(options.as, '--as');
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw new InputError(`cannot read ${file}: ${errorMessage(err)}`, { cause: err });
  }
  try {
    JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    throw new InputError(`${file} is neither a Grype nor a Trivy JSON result (it is not JSON)`);
  }
  const body = text.replace(/^\uFEFF/, '');
  return (await postToServer(
    target,
    '/api/import',
    { as: options.as, at: options.at },
    body,
  )) as ImportResult;
}

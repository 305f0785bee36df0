/**
 * `import`: a Grype or Trivy JSON result becomes an observation of a tag, labelled with that
 * scanner, its version and its DB time where the file says. A file that is neither is refused
 * in one sentence before the store is opened.
 */
import { readFile } from 'node:fs/promises';
import { InputError, errorMessage } from '../../errors.js';
import type { Instant } from '../../time/instant.js';
import { parseTagRef, type TagRef } from '../image-ref.js';
import { withHistoryStore } from '../store/open.js';
import { recordObservations, type RecordResult } from '../store/write.js';
import { grypeFormat } from './grype.js';
import { trivyFormat } from './trivy.js';
import type { PeerFormat } from './types.js';

/** The peer formats `import` reads, tried in order. */
export const peerFormats: readonly PeerFormat[] = [grypeFormat, trivyFormat];

export interface ImportOptions {
  as: string | TagRef;
  /** the instant of the point; default: when the file says the scan ran, else now */
  at?: Instant;
  store?: string;
  now?: Date;
}

export interface ImportResult extends RecordResult {
  schemaVersion: '1';
  image: string;
  tag: string;
  format: string;
  scanner: { name: string; version: string };
  digest: string;
  observedAt: Instant;
  findings: number;
}

/** Records a Grype or Trivy JSON result as an observation of `options.as`. */
export async function importResult(file: string, options: ImportOptions): Promise<ImportResult> {
  const ref = typeof options.as === 'string' ? parseTagRef(options.as, '--as') : options.as;
  const doc = await readJson(file);
  const format = peerFormats.find((f) => f.detect(doc));
  if (!format) throw new InputError(`${file} is neither a Grype nor a Trivy JSON result`);
  const peer = format.read(doc, file);
  const now = (options.now ?? new Date()).toISOString();
  const observedAt = options.at ?? peer.scannedAt ?? now;
  const written = await withHistoryStore(options.store, {}, (store) =>
    recordObservations(store, [
      { ...peer, ref, observedAt, scannedAt: peer.scannedAt ?? now, origin: 'import', suppressed: 0 },
    ]),
  );
  return {
    schemaVersion: '1',
    image: ref.image,
    tag: ref.tag,
    format: format.name,
    scanner: peer.scanner,
    digest: peer.digest,
    observedAt,
    findings: peer.findings.length,
    ...written,
  };
}

async function readJson(file: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw new InputError(`cannot read ${file}: ${errorMessage(err)}`, { cause: err });
  }
  try {
    return JSON.parse(text.replace(/^\uFEFF/, '')) as unknown;
  } catch {
    throw new InputError(`${file} is neither a Grype nor a Trivy JSON result (it is not JSON)`);
  }
}

/**
 * The console's writes (scope `write`): track, import, watches. A write is never sent without a
 * token: the page asks for one first (kept for this tab, as reads keep theirs). After a write the
 * answers kept by use-api are dropped, so the Directory and the image pages read the new point.
 */
import { revalidateReads } from './api';
import { ApiError, storedToken } from './token';
import { forgetKept } from './use-api';

/** What a file given to "Upload" is, from its shape: the route and the word the page shows. */
export type UploadKind = 'trivy' | 'grype' | 'sbom';

export function uploadKind(doc: unknown): UploadKind | null {
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) return null;
  const o = doc as Record<string, unknown>;
  if ('SchemaVersion' in o && 'ArtifactName' in o) return 'trivy';
  if (Array.isArray(o.matches) && ('source' in o || 'descriptor' in o)) return 'grype';
  // CycloneDX, SPDX and Syft JSON are read by the server's SBOM readers
  if (o.bomFormat === 'CycloneDX' || 'spdxVersion' in o || ('artifacts' in o && 'source' in o)) return 'sbom';
  return null;
}

/** Sends a write with the tab's token; an error answer becomes an ApiError with the server's sentence. */
export async function sendWrite<T>(method: 'POST' | 'DELETE', path: string, body?: unknown): Promise<T> {
  const token = storedToken();
  if (!token) throw new ApiError('a write token is needed', 401);
  const res = await fetch(path, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body !== undefined && { 'content-type': 'application/json' }),
    },
    ...(body !== undefined && { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
  const text = await res.text();
  const parsed = text ? (JSON.parse(text) as unknown) : undefined;
  if (!res.ok) {
    const message =
      (parsed as { message?: string } | undefined)?.message ?? `${res.status} ${res.statusText}`;
    throw new ApiError(message, res.status);
  }
  forgetKept();
  revalidateReads();
  return parsed as T;
}

/** `?as=NAME:TAG&at=…` of track and import. */
export function writeQuery(as: string, at?: string): string {
  const q = new URLSearchParams({ as: as.trim() });
  if (at) q.set('at', at);
  return q.toString();
}

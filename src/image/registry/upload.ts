/**
 * The push side of the OCI distribution spec for one repository: HEAD to skip a blob the
 * registry already holds, the monolithic POST-then-PUT blob upload, and PUT of a manifest.
 * Auth is the pull side's (the token scope asks for `pull,push`); messages name the repository
 * and digests only, never credentials.
 */
import type { Readable } from 'node:stream';
import { InputError, NotFoundError } from '../../errors.js';
import { RegistryClient, digestOf } from './client.js';

/** A blob to upload: its digest, size, and how to read it (again, on a retry). */
export interface BlobUpload {
  digest: string;
  size: number;
  open: () => Readable;
}

/** Pushes blobs and manifests into one repository (distribution-spec "push"). */
export class RegistryUploader extends RegistryClient {
  /** Whether the registry already holds the blob (HEAD; 404 = no). */
  async hasBlob(digest: string): Promise<boolean> {
    const res = await this.send(`blobs/${digest}`, {}, { method: 'HEAD', push: true });
    await res.body?.cancel().catch(() => undefined);
    if (res.status === 404) return false;
    if (res.ok) return true;
    throw await this.failure(res, `blob ${digest} of ${this.name}`);
  }

  /** Uploads a blob unless the registry has it; returns whether bytes were sent. */
  async pushBlob(blob: BlobUpload): Promise<boolean> {
    if (await this.hasBlob(blob.digest)) return false;
    const start = await this.send('blobs/uploads/', {}, { method: 'POST', push: true });
    if (start.status !== 202) throw await this.refused(start, `an upload of blob ${blob.digest}`);
    await start.body?.cancel().catch(() => undefined);
    const location = start.headers.get('location');
    if (!location)
      throw new InputError(`the registry ${this.ref.registry} gave no upload location for ${this.name}`);
    // the location may be relative and may carry the registry's own state parameters
    const url = new URL(location, `${this.baseUrl()}/`);
    url.searchParams.set('digest', blob.digest);
    const done = await this.send(
      url.href,
      { 'content-type': 'application/octet-stream', 'content-length': String(blob.size) },
      { method: 'PUT', body: blob.open, push: true },
    );
    if (done.status !== 201 && done.status !== 204) throw await this.refused(done, `blob ${blob.digest}`);
    await done.body?.cancel().catch(() => undefined);
    return true;
  }

  /** PUTs a manifest under a tag; returns its digest, checked against the registry's answer. */
  async putManifest(tag: string, bytes: Buffer, mediaType: string): Promise<string> {
    const digest = digestOf(bytes);
    const res = await this.send(
      `manifests/${tag}`,
      { 'content-type': mediaType },
      { method: 'PUT', body: bytes, push: true },
    );
    if (res.status !== 201 && res.status !== 204) throw await this.refused(res, `the manifest ${tag}`);
    await res.body?.cancel().catch(() => undefined);
    const stated = res.headers.get('docker-content-digest');
    if (stated && stated !== digest)
      throw new InputError(
        `the registry ${this.ref.registry} stored the manifest ${tag} of ${this.name} as ${stated}, not ${digest}`,
      );
    return digest;
  }

  private baseUrl(): string {
    return `${this.plainHttp ? 'http' : 'https'}://${this.ref.apiHost}`;
  }

  // a 404 on push is a missing repository or upload session; the rest as for pulls
  private async refused(res: Response, what: string): Promise<InputError> {
    if (res.status === 404) {
      await res.body?.cancel().catch(() => undefined);
      return new NotFoundError(
        `the registry ${this.ref.registry} refused ${what} for ${this.name} (HTTP 404)`,
      );
    }
    return this.failure(res, `${what} pushed to ${this.name}`);
  }
}

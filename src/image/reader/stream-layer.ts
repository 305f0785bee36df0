/**
 * One pass over one layer: open the blob, sniff and decompress it, meter and hash it, parse the tar
 * (src/image/tar/tar-parser.ts) and hand each entry to a visitor. All failure modes of a layer become one
 * InputError sentence naming the layer and the image, and the diff id (and the blob digest, when
 * it differs) is checked once the stream ends.
 */
import type { Readable, Transform } from 'node:stream';
import { TarReader, type TarVisitor } from '../tar/tar-parser.js';
import { InputError, errorMessage } from '../../errors.js';
import type { Layer } from '../types.js';
import { LayerSink, LayerTooLargeError, decoderFor, peekStream, sniffCompression } from './decode-layer.js';

export interface StreamLayerOptions {
  /** `layer sha256:… of IMAGE`, the subject of every error sentence */
  label: string;
  maxBytes: number;
  /** check the diff id (and blob digest); off for a second pass over an already verified layer */
  verify: boolean;
}

/** Turns whatever a layer's streams threw into one sentence about the layer. */
function layerError(err: unknown, opts: StreamLayerOptions): InputError {
  if (err instanceof InputError) return err;
  if (err instanceof LayerTooLargeError) {
    return new InputError(
      `${opts.label} expands past ${err.limit} bytes (raise --max-layer-bytes to allow it).`,
    );
  }
  const msg = errorMessage(err);
  const code = (err as { code?: string }).code;
  if (code === 'Z_BUF_ERROR' || /unexpected end/i.test(msg))
    return new InputError(`${opts.label} is truncated.`);
  if (code?.startsWith('Z_') === true)
    return new InputError(`${opts.label} is not valid gzip (${msg}).`, { cause: err });
  return new InputError(`${opts.label} could not be read as a tar (${msg}).`, { cause: err });
}

/**
 * raw → decoder → tar parser, settling on the first error of any of them; every stream keeps an
 * error listener so that the errors that follow the first one are not reported as unhandled.
 */
function plumb(raw: Readable, decoder: Transform | undefined, extract: LayerSink): Promise<void> {
  return new Promise((resolve, reject) => {
    let settled = false;
    const fail = (err: unknown): void => {
      if (settled) return;
      settled = true;
      raw.destroy();
      decoder?.destroy();
      extract.destroy();
      reject(err instanceof Error ? err : new Error(String(err)));
    };
    raw.on('error', fail);
    decoder?.on('error', fail);
    extract.on('error', fail);
    extract.on('finish', () => {
      if (settled) return;
      settled = true;
      resolve();
    });
    if (decoder === undefined) raw.pipe(extract);
    else raw.pipe(decoder).pipe(extract);
  });
}

/** Streams the entries of one layer through the visitor; resolves once the whole layer is read. */
export async function streamLayer(
  layer: Layer,
  opts: StreamLayerOptions,
  visitor: TarVisitor,
): Promise<void> {
  const raw = await layer.open();
  let sink: LayerSink | undefined;
  try {
    const head = await peekStream(raw);
    if (head.length === 0) throw new InputError(`${opts.label} is empty.`);
    const tar = new TarReader(visitor);
    const decoder = await decoderFor(sniffCompression(head));
    sink = new LayerSink(
      opts.maxBytes,
      (chunk) => tar.push(chunk),
      () => tar.end(),
    );
    await plumb(raw, decoder, sink);
  } catch (err) {
    raw.destroy();
    throw layerError(err, opts);
  }
  // The diff id alone proves the content: the config that lists it is verified by its digest, so
  // hashing the compressed blob as well would only repeat the proof at the cost of a second sha256.
  if (!opts.verify || sink === undefined) return;
  const diffId = 'sha256:' + sink.hash.digest('hex');
  if (diffId !== layer.diffId) {
    throw new InputError(`${opts.label} does not match its diff id: its content hashes to ${diffId}.`);
  }
}

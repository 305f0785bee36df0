/**
 * Streaming split of a large top-level JSON object (`{"key": value, …}`) into its entries, so a
 * 70 MB feed such as Debian's tracker JSON is parsed one entry at a time, never whole.
 */
import { StringDecoder } from 'node:string_decoder';

type State = 'start' | 'key' | 'colon' | 'value-start' | 'value' | 'done';

/** Each top-level entry as its key and the raw JSON text of its value; throws on a non-object. */
export async function* jsonObjectEntries(
  chunks: AsyncIterable<Buffer | string>,
): AsyncGenerator<[string, string]> {
  const decoder = new StringDecoder('utf8');
  let buf = '';
  let pos = 0;
  let state: State = 'start';
  let depth = 0; // nesting inside the current value
  let inString = false;
  let escaped = false;
  let mark = 0; // start of the key or value being read
  let key = '';
  for await (const chunk of chunks) {
    buf += typeof chunk === 'string' ? chunk : decoder.write(chunk);
    for (; pos < buf.length; pos++) {
      const c = buf.charCodeAt(pos);
      if (inString) {
        if (escaped) escaped = false;
        else if (c === 0x5c) escaped = true;
        else if (c === 0x22) {
          inString = false;
          if (state === 'key') {
            key = JSON.parse(buf.slice(mark, pos + 1)) as string;
            state = 'colon';
          }
        }
        continue;
      }
      if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) continue;
      if (state === 'start') {
        if (c !== 0x7b) throw new Error('not a JSON object');
        state = 'key';
      } else if (state === 'key') {
        if (c === 0x7d) state = 'done';
        else if (c === 0x22) {
          inString = true;
          mark = pos;
        } else if (c !== 0x2c) throw new Error(`unexpected "${buf[pos]}" where a key was expected`);
      } else if (state === 'colon') {
        if (c !== 0x3a) throw new Error(`expected ":" after key "${key}"`);
        state = 'value-start';
      } else if (state === 'value-start' || state === 'value') {
        if (state === 'value-start') {
          state = 'value';
          mark = pos;
        }
        if (c === 0x22) inString = true;
        else if (c === 0x7b || c === 0x5b) depth++;
        else if ((c === 0x7d || c === 0x5d) && depth > 0) depth--;
        else if (depth === 0 && (c === 0x2c || c === 0x7d)) {
          yield [key, buf.slice(mark, pos)];
          state = c === 0x7d ? 'done' : 'key';
        }
      }
    }
    // keep only the unfinished key or value
    const keep = state === 'value' || (state === 'key' && inString) ? mark : pos;
    buf = buf.slice(keep);
    pos -= keep;
    mark -= keep;
  }
  if (state !== 'done') throw new Error('the JSON object ends early (truncated file?)');
}

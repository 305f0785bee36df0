/**
 * The data step: packages whose files a runtime loads by name, which no ELF or script names: CA
 * certificates and time zone data where the original carries them and the program is dynamic;
 * the static base (examples/build/static.yaml) for a program with no library, interpreter or
 * script need.
 */
import type { Needs } from './needs.js';

/** What the data step decided. */
export interface DataPackages {
  caCertificates: boolean;
  isStatic: boolean;
}

/** Declares the data packages and says why in `notes`. */
export function dataPackages(
  installed: ReadonlyMap<string, string>,
  dynamic: boolean,
  hasProgramFiles: boolean,
  needs: Needs,
  notes: string[],
): DataPackages {
  let caCertificates = false;
  if (installed.has('ca-certificates') && dynamic) {
    caCertificates = true;
    notes.push('CA certificates kept: the original carries them and TLS clients load /etc/ssl/certs by name');
  }
  if (installed.has('tzdata') && dynamic)
    needs.need('tzdata', 'the original carries time zone data, loaded by name from /usr/share/zoneinfo');
  const isStatic = !dynamic && hasProgramFiles;
  if (isStatic) {
    needs.need('tzdata', 'the static base (examples/build/static.yaml): time zone data');
    needs.need('netbase', 'the static base (examples/build/static.yaml): /etc/services and /etc/protocols');
    caCertificates = true;
    notes.push('no library, interpreter or script is needed: the static base plus the program');
  }
  return { caCertificates, isStatic };
}

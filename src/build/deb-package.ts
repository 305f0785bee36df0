/**
 * The parts of a `.deb` (deb(5)) an image needs: the control file (for the `status.d` entry), the
 * md5sums (scanners use them to know which files a package owns), the maintainer scripts'
 * `update-alternatives` calls (read, never run) and the members of `data.tar.*`.
 */
import { InputError } from '../errors.js';
import { readArArchive } from './ar-archive.js';
import { compressionOf, decompress } from './decompress.js';
import { readTar, type TarMember } from './tar-read.js';

/** A package archive, opened. */
export interface DebPackage {
  control: string;
  md5sums?: string;
  postinst?: string;
  /** when the package was built: the ar header time of its `debian-binary` member */
  builtAt: number;
  files: TarMember[];
}

/** Opens a `.deb` whose hash was already checked; `label` names it in errors. */
export async function openDeb(data: Buffer, label: string): Promise<DebPackage> {
  let members;
  try {
    members = readArArchive(data);
  } catch (err) {
    throw new InputError(`${label} is not a Debian package: ${(err as Error).message}`);
  }
  if (members[0]?.name !== 'debian-binary' || !members[0].data.toString('latin1').startsWith('2.'))
    throw new InputError(`${label} is not a Debian binary package of format 2.x`);
  const control = members.find((m) => m.name.startsWith('control.tar'));
  const dataTar = members.find((m) => m.name.startsWith('data.tar'));
  if (!control || !dataTar) throw new InputError(`${label} lacks its control or data member`);
  const tarOf = async (m: { name: string; data: Buffer }) => {
    try {
      return readTar(await decompress(m.data, compressionOf(m.name), `${m.name} of ${label}`));
    } catch (err) {
      if (err instanceof InputError) throw err;
      throw new InputError(`${m.name} of ${label} is not a tar archive: ${(err as Error).message}`);
    }
  };
  const [controlFiles, files] = await Promise.all([tarOf(control), tarOf(dataTar)]);
  const member = (name: string) =>
    controlFiles.find((f) => f.path === name && f.type === 'file')?.data.toString('utf8');
  const controlText = member('control');
  if (!controlText) throw new InputError(`${label} has no control file`);
  return {
    control: controlText,
    md5sums: member('md5sums'),
    postinst: member('postinst'),
    builtAt: members[0].mtime,
    files,
  };
}

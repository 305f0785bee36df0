/**
 * The parts of a `.deb` (deb(5)) an image needs: the control file (for the `status.d` entry), the
 * md5sums (scanners use them to know which files a package owns), the maintainer scripts'
 * `update-alternatives` calls (read, never run) and the members of `data.tar.*`.
 */
import { InputError } from '../errors.js';
import { readArArchive, type ArMember } from './ar-archive.js';
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

/** The still compressed members of a `.deb`. */
export interface DebMembers {
  label: string;
  control: ArMember;
  data: ArMember;
  builtAt: number;
}

/** Splits a `.deb` whose hash was already checked into its members; `label` names it in errors. */
export function debMembers(bytes: Buffer, label: string): DebMembers {
  let members;
  try {
    members = readArArchive(bytes);
  } catch (err) {
    throw new InputError(`${label} is not a Debian package: ${(err as Error).message}`);
  }
  if (members[0]?.name !== 'debian-binary' || !members[0].data.toString('latin1').startsWith('2.'))
    throw new InputError(`${label} is not a Debian binary package of format 2.x`);
  const control = members.find((m) => m.name.startsWith('control.tar'));
  const data = members.find((m) => m.name.startsWith('data.tar'));
  if (!control || !data) throw new InputError(`${label} lacks its control or data member`);
  return { label, control, data, builtAt: members[0].mtime };
}

function tarOf(bytes: Buffer, what: string): TarMember[] {
  try {
    return readTar(bytes);
  } catch (err) {
    throw new InputError(`${what} is not a tar archive: ${(err as Error).message}`);
  }
}

/** The package from its decompressed control and data tars. */
export function debPackage(members: DebMembers, controlTar: Buffer, dataTar: Buffer): DebPackage {
  const controlFiles = tarOf(controlTar, `${members.control.name} of ${members.label}`);
  const files = tarOf(dataTar, `${members.data.name} of ${members.label}`);
  const member = (name: string) =>
    controlFiles.find((f) => f.path === name && f.type === 'file')?.data.toString('utf8');
  const control = member('control');
  if (!control) throw new InputError(`${members.label} has no control file`);
  return {
    control,
    md5sums: member('md5sums'),
    postinst: member('postinst'),
    builtAt: members.builtAt,
    files,
  };
}

/** Opens one `.deb` whose hash was already checked. */
export async function openDeb(bytes: Buffer, label: string): Promise<DebPackage> {
  const members = debMembers(bytes, label);
  const open = (m: ArMember) => decompress(m.data, compressionOf(m.name), `${m.name} of ${label}`);
  const [control, data] = await Promise.all([open(members.control), open(members.data)]);
  return debPackage(members, control, data);
}

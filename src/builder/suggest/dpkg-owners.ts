/** The owners of every path of an image, from its dpkg database, and the files the first read keeps. */
import type { FileView } from '../../image/file-view.js';
import { Owners, packageOfList } from './owners.js';

/** Paths of the dpkg database the first read keeps. */
export const wantedFirst = (path: string) =>
  /^\/var\/lib\/dpkg\/info\/[^/]+\.list$/.test(path) ||
  /^\/var\/lib\/dpkg\/status\.d\/[^/]+\.md5sums$/.test(path);

/** The files the analysis reads besides the application, kept by every read. */
export const wantedAlways = (path: string) =>
  /^\/etc\/(ld\.so\.conf(\.d\/[^/]+)?|passwd|os-release)$/.test(path);

/** The owners of every path, from the lists and md5sums of the first read. */
export async function ownersOf(view: FileView): Promise<Owners> {
  const owners = new Owners();
  for (const name of await view.readDir('/var/lib/dpkg/info')) {
    const pkg = packageOfList(name);
    if (pkg) owners.add(pkg, (await view.readFile(`/var/lib/dpkg/info/${name}`)).toString('utf8'), 'list');
  }
  for (const name of await view.readDir('/var/lib/dpkg/status.d'))
    if (name.endsWith('.md5sums'))
      owners.add(
        name.slice(0, -'.md5sums'.length).split(':')[0]!,
        (await view.readFile(`/var/lib/dpkg/status.d/${name}`)).toString('utf8'),
        'md5sums',
      );
  return owners;
}

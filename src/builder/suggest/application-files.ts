/**
 * The application: the files no package owns, outside the folders where package managers,
 * maintainer scripts and the runtime write their state and caches. They are carried unchanged in
 * the suggestion's application layer and analysed in turn.
 */
import type { FileInfo } from '../../image/file-view.js';
import type { ImageLookup } from './image-lookup.js';

/** Paths whose unowned files are state or caches that package managers and scripts write. */
const NOT_APPLICATION = [
  /^\/(proc|sys|dev|run|tmp|var|etc|boot|mnt|media|lost\+found)(\/|$)/,
  /^\/(bin|sbin|lib|lib32|lib64|libx32|libo32)$/,
  /^\/usr\/share\/(doc|man|info|locale|lintian)\//,
  /^\/usr\/(lib|share)\/python3[^/]*\/.*(__pycache__\/|\.pyc$)/,
  /^\/root\/\.[^/]+$/,
  /^\/usr\/lib\/locale\/locale-archive$/,
  /\/gconv\/gconv-modules\.cache$/,
  /^\/root\/\.cache\//,
  /^\/\.dockerenv$/,
];

/** Whether an unowned path belongs to the application (carried) rather than to the system. */
export function isApplicationPath(path: string): boolean {
  return !NOT_APPLICATION.some((re) => re.test(path));
}

/** Every unowned file and live symlink of the application. */
export async function applicationFiles(lookup: ImageLookup): Promise<FileInfo[]> {
  const { view } = lookup;
  const appFiles: FileInfo[] = [];
  for await (const info of view.walk()) {
    if (info.type !== 'file' && info.type !== 'symlink') continue;
    if (!isApplicationPath(info.path) || (await lookup.ownerOf(info.path))) continue;
    if (info.type === 'symlink' && /^\/etc\/alternatives\//.test(info.linkTarget ?? '')) continue;
    // a dangling link (base-files' /usr/local/man → share/man) carries nothing
    if (info.type === 'symlink' && !(await view.stat(info.path))) continue;
    appFiles.push(info);
  }
  return appFiles;
}

/** Whether a `--source` location is a URL to download rather than a local path. */
export function isUrl(location: string): boolean {
  return /^https?:\/\//i.test(location);
}

/**
 * The proxy settings users already export: `HTTPS_PROXY` for https, `HTTP_PROXY` for http and
 * `NO_PROXY` (either case, the upper case first, as curl and Go read them; https never falls back
 * to HTTP_PROXY). The NO_PROXY matching itself (hosts, domains, ports, `*`) is undici's
 * EnvHttpProxyAgent, which Node's fetch is built on.
 */

export interface ProxyChoice {
  /** the proxy URL for this request's scheme */
  proxy: string;
  /** hosts that go direct, as NO_PROXY lists them ('' for none) */
  noProxy: string;
}

/** The proxy for a URL from the environment; undefined when its scheme has none, so it goes direct. */
export function proxyFor(url: URL, env: NodeJS.ProcessEnv = process.env): ProxyChoice | undefined {
  const pick = (name: string): string | undefined => env[name] || env[name.toLowerCase()] || undefined;
  const proxy = url.protocol === 'https:' ? pick('HTTPS_PROXY') : pick('HTTP_PROXY');
  if (!proxy) return undefined;
  return { proxy, noProxy: pick('NO_PROXY') ?? '' };
}

/**
 * The undici dispatcher a registry request goes through: Node's own when nothing is configured;
 * otherwise one built from the host's TLS trust (tls-settings.ts), registries.conf's `insecure`
 * (endpoints.ts) and the proxy environment (proxy.ts). Dispatchers are kept per distinct setting,
 * so connections are reused across requests and images.
 */
import { createHash } from 'node:crypto';
import { Agent, type Dispatcher, EnvHttpProxyAgent } from 'undici';
import { proxyFor } from './proxy.js';
import { insecureHost, loadRegistriesConf } from './registries-conf.js';
import { tlsConnectOptions, tlsSettingsFor } from './tls-settings.js';

const dispatchers = new Map<string, Dispatcher>();

/** The dispatcher for a request to `url`; undefined for Node's default (no CA, proxy or insecure setting). */
export function dispatcherFor(url: URL, env: NodeJS.ProcessEnv = process.env): Dispatcher | undefined {
  const https = url.protocol === 'https:';
  const connect = https
    ? tlsConnectOptions(tlsSettingsFor(url.host, env), insecureHost(url.host, loadRegistriesConf(env)))
    : undefined;
  const proxy = proxyFor(url, env);
  if (!connect && !proxy) return undefined;
  const key = createHash('sha256')
    .update(JSON.stringify([connect?.ca?.length, connect, proxy]))
    .digest('hex');
  let dispatcher = dispatchers.get(key);
  if (!dispatcher) {
    const tls = connect ?? {};
    // requestTls is the TLS to the registry through the proxy's tunnel (ProxyAgent's option,
    // passed on by EnvHttpProxyAgent though its type does not list it)
    const options = {
      httpProxy: proxy?.proxy,
      httpsProxy: proxy?.proxy,
      noProxy: proxy?.noProxy,
      connect: tls,
      requestTls: tls,
    };
    dispatcher = proxy ? new EnvHttpProxyAgent(options) : new Agent({ connect: tls });
    dispatchers.set(key, dispatcher);
  }
  return dispatcher;
}

/**
 * The undici dispatcher a registry request goes through: Node's own when nothing is configured;
 * otherwise one built from the host's TLS trust (tls-settings.ts), registries.conf's `insecure`
 * (endpoints.ts), the proxy environment (proxy.ts) and the egress policy in force
 * (egress-policy.ts). Dispatchers are kept per distinct setting, so connections are reused across
 * requests and images; under a policy they are the policy's own, so a connection opened without
 * one (the CLI's freedom) never carries a request that is under one.
 */
import { createHash } from 'node:crypto';
import { Agent, type Dispatcher, EnvHttpProxyAgent } from 'undici';
import { currentEgressPolicy, egressConnector, type EgressPolicy } from './egress-policy.js';
import { proxyFor } from './proxy.js';
import { insecureHost, loadRegistriesConf } from './registries-conf.js';
import { tlsConnectOptions, tlsSettingsFor } from './tls-settings.js';

const free = new Map<string, Dispatcher>();
const underPolicy = new WeakMap<EgressPolicy, Map<string, Dispatcher>>();

/**
 * The dispatcher for a request to `url`; undefined for Node's default (no CA, proxy, insecure
 * setting or egress policy). Under a policy without a proxy, its connections go through
 * `egressConnector`: the address checked is the address connected to (DNS rebinding). Through a
 * proxy, the proxy resolves the name and the policy's check before the request is all there is.
 */
export function dispatcherFor(
  url: URL,
  env: NodeJS.ProcessEnv = process.env,
  policy: EgressPolicy | undefined = currentEgressPolicy(),
): Dispatcher | undefined {
  const https = url.protocol === 'https:';
  const connect = https
    ? tlsConnectOptions(tlsSettingsFor(url.host, env), insecureHost(url.host, loadRegistriesConf(env)))
    : undefined;
  const proxy = proxyFor(url, env);
  if (!connect && !proxy && !policy) return undefined;
  const key = createHash('sha256')
    .update(JSON.stringify([connect?.ca?.length, connect, proxy]))
    .digest('hex');
  let dispatchers = policy ? underPolicy.get(policy) : free;
  if (!dispatchers) underPolicy.set(policy!, (dispatchers = new Map()));
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
    dispatcher = proxy
      ? new EnvHttpProxyAgent(options)
      : new Agent({ connect: policy ? egressConnector(policy, tls) : tls });
    dispatchers.set(key, dispatcher);
  }
  return dispatcher;
}

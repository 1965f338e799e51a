/**
 * Which reverse proxies the gateway trusts (TRUST_PROXY), and so who the client is.
 *
 * An appending proxy adds the address it received the connection from to the right of
 * X-Forwarded-For; everything to the left of that was written by whoever sent the request and
 * may be forged. The client is therefore found by walking from the socket's peer leftwards
 * through X-Forwarded-For while the address is a trusted proxy: the first address that is not
 * one is the client. Nothing to the left of it is ever read.
 *
 * - a number N: the last N hops (the socket's peer and N-1 entries of X-Forwarded-For) are
 *   proxies, e.g. `1` for one load balancer in front of the gateway;
 * - a list of addresses and CIDR ranges (`10.0.0.0/8, 192.0.2.7, fd00::/8`): every hop with an
 *   address in the list is a proxy. A request whose peer is not in the list is taken as is.
 */
import { BlockList, isIP } from 'node:net';

export type TrustProxySpec = boolean | number | string | readonly string[] | undefined;

export interface ProxyTrust {
  /** True when some proxy is trusted at all (X-Forwarded-* may be read). */
  readonly enabled: boolean;
  /** Whether the socket's peer is a trusted proxy (so its X-Forwarded-Proto may be believed). */
  trusts(peer: string): boolean;
  /** The client address from the socket's peer and the X-Forwarded-For header. */
  client(peer: string, forwardedFor: string | undefined | null): string;
}

/** `::ffff:192.0.2.1` → `192.0.2.1`; `[2001:db8::1]:443` / `192.0.2.1:8080` → the address. */
export function normaliseAddress(raw: string): string {
  let value = raw.trim();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(value);
  if (bracketed) value = bracketed[1]!;
  else if (/^\d{1,3}(\.\d{1,3}){3}:\d+$/.test(value)) value = value.slice(0, value.lastIndexOf(':'));
  const mapped = /^::ffff:(\d{1,3}(\.\d{1,3}){3})$/i.exec(value);
  if (mapped) value = mapped[1]!;
  return value.toLowerCase();
}

/** X-Forwarded-For, split and normalised, left (the claimed client) to right (the last proxy). */
const hopsOf = (header: string | undefined | null): string[] =>
  (header ?? '').split(',').map(normaliseAddress).filter(Boolean).slice(-64); // a proxy chain is short; a giant header costs nothing more

function walk(
  peer: string,
  forwardedFor: string | undefined | null,
  trusted: (address: string, hop: number) => boolean,
) {
  const chain = [normaliseAddress(peer), ...hopsOf(forwardedFor).reverse()];
  for (let hop = 0; hop < chain.length; hop++) {
    if (!trusted(chain[hop]!, hop)) return chain[hop]!;
  }
  // Every hop is a proxy: the left-most address is as close to the client as we can know.
  return chain[chain.length - 1]!;
}

const NO_TRUST: ProxyTrust = {
  enabled: false,
  trusts: () => false,
  client: (peer) => normaliseAddress(peer),
};

/** Hop count: the peer and the next `hops - 1` X-Forwarded-For entries are proxies. */
function hopTrust(hops: number): ProxyTrust {
  return {
    enabled: true,
    trusts: () => true,
    client: (peer, forwardedFor) => walk(peer, forwardedFor, (_address, hop) => hop < hops),
  };
}

function listTrust(entries: readonly string[]): ProxyTrust {
  const list = new BlockList();
  for (const raw of entries) {
    const entry = raw.trim();
    if (!entry) continue;
    const [address, prefix, extra] = entry.split('/');
    const family = isIP(normaliseAddress(address ?? ''));
    const bits = prefix === undefined ? undefined : Number(prefix);
    if (
      !family ||
      extra !== undefined ||
      (bits !== undefined && (!/^\d{1,3}$/.test(prefix!) || bits > (family === 4 ? 32 : 128)))
    ) {
      throw new Error(
        `TRUST_PROXY: "${entry}" is not a number of proxies, an IP address or a CIDR range like 10.0.0.0/8`,
      );
    }
    const type = family === 4 ? 'ipv4' : 'ipv6';
    if (bits === undefined) list.addAddress(normaliseAddress(address!), type);
    else list.addSubnet(normaliseAddress(address!), bits, type);
  }
  const trusts = (address: string) => {
    const family = isIP(address);
    return !!family && list.check(address, family === 4 ? 'ipv4' : 'ipv6');
  };
  return {
    enabled: true,
    trusts: (peer) => trusts(normaliseAddress(peer)),
    client: (peer, forwardedFor) => walk(peer, forwardedFor, (address) => trusts(address)),
  };
}

/**
 * TRUST_PROXY as given in the options or the environment: `false`/`0`/`off` (default: the socket's
 * peer is the client), `true` (one proxy), a whole number of proxy hops, or a comma-separated list
 * (or array) of proxy addresses and CIDR ranges. A bad entry is an error at start.
 */
export function proxyTrust(spec: TrustProxySpec | ProxyTrust): ProxyTrust {
  if (spec && typeof spec === 'object' && 'client' in spec) return spec;
  if (spec === undefined || spec === false) return NO_TRUST;
  if (spec === true) return hopTrust(1);
  if (typeof spec === 'number') {
    if (!Number.isInteger(spec) || spec < 0) throw new Error(`TRUST_PROXY: ${spec} is not a whole number of proxies`);
    return spec === 0 ? NO_TRUST : hopTrust(spec);
  }
  if (typeof spec === 'string') {
    const text = spec.trim();
    if (!text || /^(0|false|no|off)$/i.test(text)) return NO_TRUST;
    if (/^(true|yes|on)$/i.test(text)) return hopTrust(1);
    if (/^\d+$/.test(text)) return proxyTrust(Number(text));
    return listTrust(text.split(','));
  }
  return listTrust(spec as readonly string[]);
}

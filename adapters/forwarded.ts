import { BlockList, isIP } from 'node:net';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';

/** Who sent a request and how it reached the edge, as far as this server can trust it. */
export interface ClientView {
  /** The client's address: the socket's peer unless trusted proxies say otherwise. */
  address: string;
  /** Whether the browser talks to us over HTTPS (the proxy's X-Forwarded-Proto when the proxy is trusted). */
  https: boolean;
  /** The origin the browser addressed, such as https://orienta.example.it. */
  origin: string;
}

/** ::ffff:10.0.0.1 is 10.0.0.1: a dual-stack socket reports IPv4 peers that way. */
const plain = (address: string) => address.replace(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/i, '$1');

/** One X-Forwarded-For entry without the port or brackets some proxies add. */
function hop(entry: string): string {
  const e = entry.trim();
  const bracketed = e.match(/^\[([^\]]+)\](?::\d+)?$/);
  if (bracketed) return plain(bracketed[1]!);
  const v4 = e.match(/^(\d+\.\d+\.\d+\.\d+):\d+$/);
  return plain(v4 ? v4[1]! : e).slice(0, 64);
}

const first = (header: string | undefined) => header?.split(',')[0]?.trim().toLowerCase() || undefined;

/**
 * The reverse proxies in front of Orienta (TRUST_PROXY). X-Forwarded-For, -Proto and -Host are
 * anyone's to write, so they count only when the peer on the socket is one of these proxies; then
 * X-Forwarded-For is read from the right, past every trusted proxy, and its first untrusted address
 * is the client (what the proxy nearest to them saw), never the leftmost one a client may have forged.
 */
export class TrustedProxies {
  private readonly list = new BlockList();
  readonly any: boolean;

  constructor(ranges: string[]) {
    for (const range of ranges) {
      const [address, bits] = range.split('/');
      const type = isIP(address!) === 6 ? 'ipv6' : 'ipv4';
      this.list.addSubnet(address!, Number(bits ?? (type === 'ipv6' ? 128 : 32)), type);
    }
    this.any = ranges.length > 0;
  }

  trusts(address: string): boolean {
    const family = isIP(address);
    return this.any && family !== 0 && this.list.check(address, family === 6 ? 'ipv6' : 'ipv4');
  }

  /** The client of a request given its socket peer and headers. */
  view(peer: string, header: (name: string) => string | undefined, direct: { https: boolean; host: string | undefined }): ClientView {
    const own = (https: boolean, host: string | undefined) => `${https ? 'https' : 'http'}://${host ?? 'localhost'}`;
    const socket = plain(peer);
    if (!this.trusts(socket)) return { address: socket, https: direct.https, origin: own(direct.https, direct.host) };
    let address = socket;
    const hops = (header('x-forwarded-for') ?? '').split(',').map(hop).filter(Boolean).reverse();
    for (const h of hops) {
      address = h;
      if (!this.trusts(h)) break;
    }
    const proto = first(header('x-forwarded-proto'));
    const https = proto ? proto === 'https' : direct.https;
    return { address, https, origin: own(https, first(header('x-forwarded-host')) ?? direct.host) };
  }

  /** The same for a Hono request served by @hono/node-server. */
  of(c: Context): ClientView {
    let peer = 'unknown';
    try {
      peer = getConnInfo(c).remote.address ?? 'unknown';
    } catch {
      // Not on a Node socket (app.request in a test): no peer, so no proxy to trust.
    }
    const url = new URL(c.req.url);
    return this.view(peer, (name) => c.req.header(name), { https: url.protocol === 'https:', host: url.host });
  }
}

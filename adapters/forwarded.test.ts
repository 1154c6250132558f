import { describe, expect, it } from 'vitest';
import { proxyRanges } from '../app/proxy-ranges.js';
import { TrustedProxies } from './forwarded.js';

const headers = (h: Record<string, string>) => (name: string) => h[name];
const direct = { https: false, host: 'orienta.example.it:3000' };
const ranges = (v: string) => proxyRanges(v) as string[];

describe('TrustedProxies', () => {
  it('ignores X-Forwarded-* from a peer that is not a trusted proxy', () => {
    const proxies = new TrustedProxies(ranges('10.0.0.0/8'));
    const forged = headers({ 'x-forwarded-for': '1.2.3.4', 'x-forwarded-proto': 'https', 'x-forwarded-host': 'evil.example' });
    expect(proxies.view('203.0.113.9', forged, direct)).toEqual({ address: '203.0.113.9', https: false, origin: 'http://orienta.example.it:3000' });
    // With no TRUST_PROXY nothing is trusted, not even loopback.
    expect(new TrustedProxies([]).view('127.0.0.1', forged, direct).address).toBe('127.0.0.1');
  });

  it('takes the client from a trusted proxy, past every trusted hop, never a forged leftmost entry', () => {
    const proxies = new TrustedProxies(ranges('loopback,10.0.0.0/8'));
    const h = headers({ 'x-forwarded-for': '6.6.6.6, 198.51.100.7, 10.1.2.3', 'x-forwarded-proto': 'https', 'x-forwarded-host': 'orienta.example.it' });
    expect(proxies.view('::ffff:127.0.0.1', h, direct)).toEqual({ address: '198.51.100.7', https: true, origin: 'https://orienta.example.it' });
    // Ports and brackets some proxies write are not part of the address.
    expect(proxies.view('127.0.0.1', headers({ 'x-forwarded-for': '198.51.100.7:4711' }), direct).address).toBe('198.51.100.7');
    expect(proxies.view('127.0.0.1', headers({ 'x-forwarded-for': '[2001:db8::1]:4711' }), direct).address).toBe('2001:db8::1');
    // A trusted proxy that forwards nothing is itself the client.
    expect(proxies.view('127.0.0.1', headers({}), direct)).toEqual({ address: '127.0.0.1', https: false, origin: 'http://orienta.example.it:3000' });
  });

  it('matches IPv6 ranges', () => {
    const proxies = new TrustedProxies(ranges('fd00::/8'));
    expect(proxies.trusts('fd12::1')).toBe(true);
    expect(proxies.trusts('2001:db8::1')).toBe(false);
    expect(proxies.trusts('not an address')).toBe(false);
  });
});

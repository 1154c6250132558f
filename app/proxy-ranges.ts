import { isIP } from 'node:net';

/** Names for the usual places a reverse proxy sits, so a deployment need not spell the ranges. */
const NAMED: Record<string, string[]> = {
  loopback: ['127.0.0.0/8', '::1/128'],
  private: ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', 'fc00::/7'],
};

/**
 * TRUST_PROXY as CIDR ranges ("127.0.0.1" becomes "127.0.0.1/32"); the first entry it cannot read
 * when the list is wrong, so the config error names it.
 */
export function proxyRanges(value: string): string[] | string {
  const ranges: string[] = [];
  for (const entry of value.split(',').map((e) => e.trim()).filter(Boolean)) {
    const named = NAMED[entry.toLowerCase()];
    if (named) {
      ranges.push(...named);
      continue;
    }
    const [address = '', bits, ...rest] = entry.split('/');
    const family = isIP(address);
    const max = family === 4 ? 32 : 128;
    const prefix = bits === undefined ? max : /^\d{1,3}$/.test(bits) ? Number(bits) : NaN;
    if (!family || rest.length || !(prefix >= 0 && prefix <= max)) return entry;
    ranges.push(`${address}/${prefix}`);
  }
  return ranges;
}

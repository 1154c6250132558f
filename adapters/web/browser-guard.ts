import type { Context } from 'hono';

/** Whether the page calling is on another site than Orienta (a partner's), so the cookie must be a third-party one. */
export function fromAnotherSite(c: Context, ownOrigin: string): boolean {
  const site = c.req.header('sec-fetch-site');
  if (site) return site === 'cross-site';
  const origin = c.req.header('origin');
  return origin !== undefined && origin !== ownOrigin;
}

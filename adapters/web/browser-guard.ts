import type { Context } from 'hono';

/**
 * Whether a request comes from a page that may not use the chat. A browser says where a request
 * comes from (Origin; Sec-Fetch-Site, which page scripts cannot set), and a page of any site could
 * otherwise post turns that carry the visitor's cookie, such as "cancella i miei dati" and then
 * "sì". Allowed: the partner origins listed, Orienta's own pages, and clients that are not browsers
 * (no Origin, no Fetch Metadata: they hold no visitor's cookie but their own).
 */
export function fromForeignPage(c: Context, allowedOrigins: readonly string[], ownOrigin: string): boolean {
  const origin = c.req.header('origin');
  const site = c.req.header('sec-fetch-site');
  if (origin !== undefined) return !(allowedOrigins.includes(origin) || origin === ownOrigin || site === 'same-origin');
  return site === 'cross-site' || site === 'same-site';
}

/**
 * Only JSON is a chat turn. text/plain, form and multipart posts are what a page of another site
 * can send without asking the browser first (no CORS preflight), so they are refused outright.
 */
export function isJson(c: Context): boolean {
  const type = c.req.header('content-type')?.split(';')[0]?.trim().toLowerCase();
  return type === 'application/json';
}

/** Whether the page calling is on another site than Orienta (a partner's), so the cookie must be a third-party one. */
export function fromAnotherSite(c: Context, ownOrigin: string): boolean {
  const site = c.req.header('sec-fetch-site');
  if (site) return site === 'cross-site';
  const origin = c.req.header('origin');
  return origin !== undefined && origin !== ownOrigin;
}

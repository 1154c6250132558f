import { createHmac, randomBytes } from 'node:crypto';
import type { Context } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';

export const VISITOR_COOKIE = 'orienta_visitor';
/** The widget's copy of the visitor token travels in this header (see docs/widget-setup.md). */
export const VISITOR_HEADER = 'Orienta-Visitor';
const TOKEN = /^[A-Za-z0-9_-]{22,64}$/;
const HALF_YEAR = 60 * 60 * 24 * 180;

/**
 * The visitor's token: the header the widget sends from its own storage first, else the cookie.
 * The header is what works on a partner's site whatever the browser does with third-party cookies;
 * the cookie is for same-site pages and clients that keep cookies only.
 */
export function visitorToken(c: Context): { token: string; fresh: boolean } {
  for (const given of [c.req.header(VISITOR_HEADER), getCookie(c, VISITOR_COOKIE)]) if (given && TOKEN.test(given)) return { token: given, fresh: false };
  return { token: randomBytes(32).toString('base64url'), fresh: true };
}

/**
 * The user id the engine and the store know a visitor by: a keyed hash of the token, so neither the
 * store, an export nor a staff screen holds a value that would let someone act as the visitor.
 */
export function visitorUserId(key: Buffer, token: string): string {
  return `web:${createHmac('sha256', key).update(token).digest('base64url')}`;
}

/**
 * Hands the token back: in a header the widget keeps, and as a cookie. On HTTPS for a page of another
 * site the cookie must be SameSite=None to travel at all, and Partitioned (CHIPS) so browsers that
 * block third-party cookies still keep it, for that partner's site only; elsewhere Lax is enough.
 */
export function handBack(c: Context, token: string, how: { https: boolean; crossSite: boolean }): void {
  c.header(VISITOR_HEADER, token);
  if (getCookie(c, VISITOR_COOKIE) === token) return;
  const thirdParty = how.https && how.crossSite;
  setCookie(c, VISITOR_COOKIE, token, {
    httpOnly: true,
    path: '/api/chat',
    maxAge: HALF_YEAR,
    secure: how.https,
    sameSite: thirdParty ? 'None' : 'Lax',
    ...(thirdParty ? { partitioned: true } : {}),
  });
}

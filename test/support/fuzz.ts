import type { Sql } from '../../knowledge/db/database.js';

/** A small seeded generator, so a failing payload can be reproduced from the seed in the message. */
export function prng(seed: number) {
  let s = seed >>> 0 || 1;
  const next = () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 0x1_0000_0000;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)]!;
  return { next, int, pick };
}
export type Prng = ReturnType<typeof prng>;

const NASTY = ['', ' ', '\u0000', '\uFFFF', '\uD800', '😀'.repeat(50), '<script>alert(1)</script>', "'; DROP TABLE slots; --", '../../etc/passwd', '%00', '{{7*7}}', '${7*7}', 'null', 'true', '-1', '1e309', 'NaN', 'a'.repeat(5000)];

export function randomString(r: Prng, max = 40): string {
  if (r.next() < 0.3) return r.pick(NASTY);
  return Array.from({ length: r.int(max) }, () => String.fromCodePoint(r.next() < 0.8 ? 32 + r.int(95) : r.int(0x2ffff))).join('');
}

/** Any JSON value, nested a few levels, odd numbers and strings included. */
export function randomJson(r: Prng, depth = 0): unknown {
  const k = r.int(depth > 3 ? 5 : 7);
  switch (k) {
    case 0: return null;
    case 1: return r.next() < 0.5;
    case 2: return r.pick([0, -1, 1.5, 2 ** 53, -(2 ** 63), 1e308, Number.MIN_VALUE]);
    case 3:
    case 4: return randomString(r);
    case 5: return Array.from({ length: r.int(5) }, () => randomJson(r, depth + 1));
    default: return Object.fromEntries(Array.from({ length: r.int(6) }, () => [randomString(r, 12), randomJson(r, depth + 1)]));
  }
}

/** A JSON object that looks like `shape` but with fields of the wrong type, missing or extra. */
export function mutate(r: Prng, shape: Record<string, unknown>): unknown {
  const out: Record<string, unknown> = structuredClone(shape);
  const keys = Object.keys(out);
  for (let i = 0, n = 1 + r.int(3); i < n; i++) {
    const op = r.int(4);
    const key = r.pick(keys);
    if (op === 0) delete out[key];
    else if (op === 1) out[key] = randomJson(r);
    else if (op === 2) out[randomString(r, 10)] = randomJson(r);
    else if (typeof out[key] === 'object' && out[key] !== null) out[key] = mutate(r, out[key] as Record<string, unknown>);
    else out[key] = randomJson(r);
  }
  return out;
}

/** A request body that is not what the endpoint reads: bytes, broken JSON, wrong shapes, too big. */
export function malformedBody(r: Prng, shape: Record<string, unknown>): string | Uint8Array {
  switch (r.int(7)) {
    case 0: return Uint8Array.from({ length: r.int(300) }, () => r.int(256));
    case 1: return JSON.stringify(shape).slice(0, 1 + r.int(JSON.stringify(shape).length - 1));
    case 2: return JSON.stringify(randomJson(r));
    case 3: return 'x'.repeat(64 * 1024 + r.int(64 * 1024));
    case 4: return '['.repeat(5000) + ']'.repeat(5000);
    default: return JSON.stringify(mutate(r, shape));
  }
}

/** Every table's row count and a digest of its content: equal before and after means nothing was written. */
export async function storeFingerprint(db: Sql): Promise<Record<string, string>> {
  const tables = await db.query<{ t: string }>("SELECT tablename AS t FROM pg_tables WHERE schemaname = 'public' ORDER BY 1");
  const out: Record<string, string> = {};
  for (const { t } of tables) {
    const [row] = await db.query<{ n: number; h: string | null }>(`SELECT count(*)::int AS n, md5(string_agg(md5(x::text), '' ORDER BY md5(x::text))) AS h FROM "${t}" x`);
    out[t] = `${row!.n}:${row!.h ?? ''}`;
  }
  return out;
}

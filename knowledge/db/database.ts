/**
 * What the store needs from PostgreSQL, whichever engine serves it: PGlite in-process,
 * or the `pg` driver (a real server, or PGlite served on a socket).
 */
export interface QueryOptions {
  /**
   * 'generic': plan the statement once for any values. An engine that plans slowly (PGlite's WASM)
   * honours it for a statement whose plan does not depend on its values; others may ignore it.
   */
  plan?: 'generic' | 'per-call';
}

export interface Sql {
  query<T = Record<string, unknown>>(text: string, params?: readonly unknown[], options?: QueryOptions): Promise<T[]>;
  /** Several statements, no parameters (migrations). */
  exec(text: string): Promise<void>;
}

export interface Database extends Sql {
  /** How this store is reached, for logs and /healthz: "pglite ./data", "postgres 127.0.0.1:5432/test". */
  readonly description: string;
  readonly engine: 'pglite' | 'postgres';
  transaction<T>(fn: (tx: Sql) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** Type OIDs whose default parsing differs between pg and PGlite; both are told to agree. */
export const TYPE_OIDS = { int8: 20, numeric: 1700, date: 1082 } as const;
export const sharedParsers: Record<number, (value: string) => unknown> = {
  [TYPE_OIDS.int8]: (v) => Number(v),
  [TYPE_OIDS.numeric]: (v) => Number(v),
  // A calendar date stays a 'YYYY-MM-DD' string: turning it into a JS Date shifts it by the zone.
  [TYPE_OIDS.date]: (v) => v,
};

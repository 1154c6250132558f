import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { OrientaError } from '../../domain/errors.js';
import type { Database } from './database.js';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

const MIGRATIONS_DIR = join(dirname(fileURLToPath(import.meta.url)), 'migrations');
// Any fixed number: it only has to be the same for every Orienta replica sharing a server.
const MIGRATION_LOCK = 4_207_301;

export function loadMigrations(dir = MIGRATIONS_DIR): Migration[] {
  const migrations = readdirSync(dir)
    .filter((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f))
    .sort()
    .map((file) => ({ version: Number(file.slice(0, 4)), name: file.slice(5, -4), sql: readFileSync(join(dir, file), 'utf8') }));
  // Two files of one version: the second would never run on a store the first has reached.
  for (let i = 1; i < migrations.length; i++) {
    if (migrations[i]!.version === migrations[i - 1]!.version) {
      throw new OrientaError('MIGRATION_FAILED', `Migrations ${migrations[i - 1]!.name} and ${migrations[i]!.name} in ${dir} share version ${migrations[i]!.version}: give one of them the next free number.`);
    }
  }
  return migrations;
}

export interface MigrationResult {
  from: number;
  to: number;
  applied: string[];
}

/**
 * Brings the schema up to date, each migration in its own transaction. A database written by a
 * newer Orienta is left untouched: the caller gets SCHEMA_TOO_NEW before anything runs.
 */
export async function migrate(db: Database, migrations = loadMigrations()): Promise<MigrationResult> {
  const known = migrations.at(-1)?.version ?? 0;
  const current = await currentVersion(db);
  if (current > known) {
    throw new OrientaError(
      'SCHEMA_TOO_NEW',
      `This store (${db.description}) was written by a newer Orienta (schema version ${current}; this one knows up to ${known}). ` +
        'Nothing was changed. Upgrade Orienta, or use another --data-dir / DATABASE_URL.',
      { details: { current, known } },
    );
  }
  const applied: string[] = [];
  for (const m of migrations.filter((m) => m.version > current)) {
    try {
      await db.transaction(async (tx) => {
        await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
        await tx.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())');
        // Another replica may have applied it while this one waited for the lock.
        const done = await tx.query('SELECT 1 FROM schema_migrations WHERE version = $1', [m.version]);
        if (done.length > 0) return;
        await tx.exec(m.sql);
        await tx.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
        applied.push(`${String(m.version).padStart(4, '0')}_${m.name}`);
      });
    } catch (cause) {
      throw new OrientaError('MIGRATION_FAILED', `Migration ${m.version} (${m.name}) failed on ${db.description}: ${(cause as Error)?.message ?? cause}. The store was left at version ${await currentVersion(db)}.`, { cause });
    }
  }
  return { from: current, to: Math.max(current, known), applied };
}

export async function currentVersion(db: Database): Promise<number> {
  const exists = await db.query<{ t: string | null }>("SELECT to_regclass('schema_migrations')::text AS t");
  if (!exists[0]?.t) return 0;
  const rows = await db.query<{ v: number | null }>('SELECT max(version)::int AS v FROM schema_migrations');
  return rows[0]?.v ?? 0;
}

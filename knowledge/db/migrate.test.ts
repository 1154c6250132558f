import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadMigrations } from './migrate.js';

describe('loadMigrations', () => {
  it('orders the files by version and refuses two files of one version, naming both', () => {
    const dir = mkdtempSync(join(tmpdir(), 'orienta-migrations-'));
    try {
      writeFileSync(join(dir, '0002_b.sql'), 'SELECT 2');
      writeFileSync(join(dir, '0001_a.sql'), 'SELECT 1');
      expect(loadMigrations(dir).map((m) => m.version)).toEqual([1, 2]);
      writeFileSync(join(dir, '0002_c.sql'), 'SELECT 3');
      expect(() => loadMigrations(dir)).toThrow(/b and c .* share version 2/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('holds no two migrations of one version in the project', () => {
    const versions = loadMigrations().map((m) => m.version);
    expect(new Set(versions).size).toBe(versions.length);
  });
});

import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../../knowledge/db/migrate.js';
import { PgliteDatabase } from '../../knowledge/db/pglite-database.js';
import { writePdfBomb } from '../../test/support/pdf-bomb.js';
import { inCi } from '../../test/support/stores.js';
import { ingestPaths } from '../pipeline.js';
import { PDF_LIMITS } from './pdf-extract.js';
import { readPdf } from './pdf.js';

const GUIDE = fileURLToPath(new URL('../../../shared/data/lto-export/guida-servizi-lavoro.pdf', import.meta.url));

/**
 * The peak resident memory of this process from now on, in MB: the kernel's high-water mark
 * (VmHWM), reset here. Sampling with a timer would miss peaks. Null where Linux does not let it be reset.
 */
function peakFromNow(): (() => number) | null {
  const hwm = () => Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1]) / 1024;
  try {
    writeFileSync('/proc/self/clear_refs', '5');
    const start = hwm();
    return Number.isFinite(start) ? () => hwm() - start : null;
  } catch {
    return null;
  }
}

let dir: string;
let bomb: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'orienta-pdf-limits-'));
  // About 1 MB of compressed zeros, 1 GB inflated: 2.2 GB of the process's memory when read in it.
  bomb = await writePdfBomb(join(dir, 'bomb.pdf'), 1024);
}, 120_000);
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('readPdf within its limits', () => {
  it('rejects a decompression bomb for the memory it takes, and the process does not take it', async () => {
    const size = (await readFile(bomb)).length;
    const peak = peakFromNow();
    const batch = await readPdf(bomb, 'bomb.pdf');
    const grown = peak?.();
    console.log(`a ${(size / 1024 / 1024).toFixed(1)} MB PDF inflating to 1 GB: the process grew by ${grown?.toFixed(0) ?? '(not measurable here)'} MB at most while it was read (limit ${PDF_LIMITS.memoryMb} MB)`);
    expect(batch.records.documents).toEqual([]);
    expect(batch.problems).toEqual([{ file: 'bomb.pdf', message: expect.stringMatching(/^rejected, nothing of it was loaded: reading its text needed more than 768 MB of memory/) }]);
    if (grown === undefined) {
      if (inCi) throw new Error('the peak memory of the process cannot be measured here (/proc/self/clear_refs), which CI requires');
      console.warn('not checking the peak memory: /proc/self/clear_refs is not available here');
    } else {
      expect(grown).toBeLessThan(PDF_LIMITS.memoryMb + 400);
    }
  }, 120_000);

  it("rejects a page whose text operators outgrow the reader's heap", async () => {
    // Each `(x) Tj T*` is a text item of its own: 20 MB of them are some 4 million objects.
    const path = await writePdfBomb(join(dir, 'items.pdf'), 20, '(x) Tj T* ');
    const batch = await readPdf(path, 'items.pdf', { ...PDF_LIMITS, heapMb: 64 });
    expect(batch.problems).toEqual([
      { file: 'items.pdf', message: 'rejected, nothing of it was loaded: reading its text needed more than 64 MB of memory (more text objects than any brochure has)' },
    ]);
  }, 120_000);

  it('gives up on a PDF that takes longer than its time', async () => {
    // Lines moving off the page: slow to read (11 s here), nothing to keep.
    const path = await writePdfBomb(join(dir, 'slow.pdf'), 100, '(x) Tj 0 -14 Td ');
    const batch = await readPdf(path, 'slow.pdf', { ...PDF_LIMITS, timeoutMs: 1000 });
    expect(batch.problems).toEqual([{ file: 'slow.pdf', message: 'rejected, nothing of it was loaded: reading its text took more than 1 s' }]);
  }, 120_000);

  it('refuses more pages or more text than a brochure has', async () => {
    const pages = await readPdf(GUIDE, 'guide.pdf', { ...PDF_LIMITS, maxPages: 2 });
    expect(pages.problems).toEqual([{ file: 'guide.pdf', message: 'rejected, nothing of it was loaded: too many pages to read (3; the limit is 2)' }]);
    const text = await readPdf(GUIDE, 'guide.pdf', { ...PDF_LIMITS, maxTextChars: 500 });
    expect(text.problems).toEqual([{ file: 'guide.pdf', message: 'rejected, nothing of it was loaded: too much text to read (more than 500 characters by page 1)' }]);
    expect((await readPdf(GUIDE, 'guide.pdf')).problems).toEqual([]);
  });
});

describe('ingest of a folder holding a decompression bomb', () => {
  it('reports the bomb rejected, saying why, and loads the other files', async () => {
    const folder = join(dir, 'brochures');
    await mkdir(folder);
    await writeFile(join(folder, 'bomb.pdf'), await readFile(bomb));
    await writeFile(join(folder, 'guida.pdf'), await readFile(GUIDE));
    const db = await PgliteDatabase.open();
    try {
      await migrate(db);
      const results = await ingestPaths(db, [folder]);
      const bombResult = results.find((r) => r.source.endsWith('bomb.pdf'))!;
      expect(bombResult).toMatchObject({ status: 'failed', created: 0 });
      expect(bombResult.problems.map((p) => `${p.file}: ${p.message}`)).toEqual([expect.stringMatching(/bomb\.pdf: rejected, nothing of it was loaded: reading its text needed more than 768 MB/)]);
      expect(results.find((r) => r.source.endsWith('guida.pdf'))).toMatchObject({ status: 'loaded', rejected: 0 });
      expect((await db.query<{ n: number }>("SELECT count(*)::int AS n FROM document_chunks WHERE source LIKE '%guida.pdf'"))[0]!.n).toBeGreaterThan(3);
    } finally {
      await db.close();
    }
  }, 120_000);
});

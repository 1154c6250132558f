import { mkdtemp, readFile, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DocumentChunk } from '../../domain/model/index.js';
import { readMarkdown } from './markdown.js';
import { readPdf } from './pdf.js';

const GUIDE = fileURLToPath(new URL('../../../shared/data/lto-export/guida-servizi-lavoro.pdf', import.meta.url));
const FAQ = fileURLToPath(new URL('../../../shared/data/lto-export/faq.md', import.meta.url));

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'orienta-pdf-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('readPdf on the LTO job-services guide', () => {
  it('yields valid chunks for pages 1 to 3, titled from the metadata', async () => {
    const batch = await readPdf(GUIDE, 'guida-servizi-lavoro.pdf');
    const chunks = batch.records.documents ?? [];
    expect(batch.problems).toEqual([]);
    expect(new Set(chunks.map((c) => c.page))).toEqual(new Set([1, 2, 3]));
    for (const c of chunks) {
      expect(DocumentChunk.parse(c)).toEqual(c);
      expect(c.title).toBe('Guida ai servizi per il lavoro - Rete LTO Mantova');
      expect(c.source).toBe('guida-servizi-lavoro.pdf');
      expect(c.language).toBe('it');
    }
    expect(chunks.map((c) => c.position)).toEqual(chunks.map((_, i) => i));
  });

  it('finds the traineeship allowance on page 2, under its section heading', async () => {
    const chunks = (await readPdf(GUIDE, 'guida-servizi-lavoro.pdf')).records.documents ?? [];
    const allowance = chunks.find((c) => c.text.includes("In Lombardia l'indennità minima è di 500 euro al mese"));
    expect(allowance).toBeDefined();
    expect(allowance!.page).toBe(2);
    expect(allowance!.headings).toEqual(['3. Tirocini extracurricolari']);
    expect(allowance!.text).toContain('ridotta a 400 euro se è previsto il buono pasto o la mensa');
  });

  it('guesses the other section headings from the larger type', async () => {
    const chunks = (await readPdf(GUIDE, 'guida-servizi-lavoro.pdf')).records.documents ?? [];
    const headings = chunks.map((c) => c.headings.at(-1));
    expect(headings).toEqual(expect.arrayContaining(["1. I Centri per l'Impiego", '2. Garanzia Giovani', '5. Collocamento mirato', '7. Contatti']));
    expect(chunks.find((c) => c.headings.at(-1) === '7. Contatti')?.page).toBe(3);
  });

  it('gives ids stable across reads and unique, also against other documents', async () => {
    const first = (await readPdf(GUIDE, 'guida-servizi-lavoro.pdf')).records.documents ?? [];
    const second = (await readPdf(GUIDE, 'guida-servizi-lavoro.pdf')).records.documents ?? [];
    expect(second.map((c) => c.id)).toEqual(first.map((c) => c.id));
    const faq = (await readMarkdown(FAQ, 'faq.md')).records.documents ?? [];
    const all = [...first, ...faq].map((c) => c.id);
    expect(new Set(all).size).toBe(all.length);
  });
});

describe('readPdf on files that are not readable PDFs', () => {
  async function expectOneProblem(path: string, label: string, message: RegExp) {
    const started = Date.now();
    const batch = await readPdf(path, label);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(batch.records.documents).toEqual([]);
    expect(batch.problems).toHaveLength(1);
    expect(batch.problems[0]!.file).toBe(label);
    expect(batch.problems[0]!.message).toMatch(message);
  }

  it('a truncated PDF (first 40% of the guide)', async () => {
    const bytes = await readFile(GUIDE);
    const path = join(dir, 'truncated.pdf');
    await writeFile(path, bytes.subarray(0, Math.floor(bytes.length * 0.4)));
    await expectOneProblem(path, 'truncated.pdf', /^not a readable PDF: /);
  });

  it('a text file renamed .pdf', async () => {
    const path = join(dir, 'renamed.pdf');
    await writeFile(path, 'Orari della sede: lunedì-venerdì 9-17.\n');
    await expectOneProblem(path, 'renamed.pdf', /^not a readable PDF: /);
  });

  it('a file with a PDF header and garbage after it', async () => {
    const path = join(dir, 'garbage.pdf');
    await writeFile(path, `%PDF-1.4\n${'x'.repeat(2000)}\n`);
    await expectOneProblem(path, 'garbage.pdf', /^not a readable PDF: /);
  });

  it('an empty file', async () => {
    const path = join(dir, 'empty.pdf');
    await writeFile(path, '');
    await expectOneProblem(path, 'empty.pdf', /^not a readable PDF: /);
  });

  it('a missing file', async () => {
    await expectOneProblem(join(dir, 'missing.pdf'), 'missing.pdf', /cannot read the file/);
  });

  it('a file over 50 MB is refused before reading', async () => {
    const path = join(dir, 'huge.pdf');
    await writeFile(path, '%PDF-1.4\n');
    await truncate(path, 51 * 1024 * 1024); // sparse: costs no disk
    await expectOneProblem(path, 'huge.pdf', /too large.*50 MB/);
  });
});

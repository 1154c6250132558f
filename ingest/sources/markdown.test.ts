import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DocumentChunk } from '../../domain/model/index.js';
import { parseMarkdown, readMarkdown } from './markdown.js';

const FAQ = fileURLToPath(new URL('../../../shared/data/lto-export/faq.md', import.meta.url));
const FAQ_TITLE = 'Domande frequenti - Rete LTO Mantova';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'orienta-md-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function write(name: string, text: string): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, text);
  return path;
}

describe('readMarkdown on the LTO FAQ', () => {
  it('yields one chunk per question, each under the title and its question', async () => {
    const batch = await readMarkdown(FAQ, 'faq.md');
    const chunks = batch.records.documents ?? [];
    expect(batch.problems).toEqual([]);
    expect(chunks.length).toBeGreaterThanOrEqual(10);
    expect(batch.read).toBe(chunks.length);
    for (const c of chunks) {
      expect(DocumentChunk.parse(c)).toEqual(c);
      expect(c.title).toBe(FAQ_TITLE);
      expect(c.headings[0]).toBe(FAQ_TITLE);
      expect(c.headings).toHaveLength(2);
      expect(c.language).toBe('it');
      expect(c.page).toBeUndefined();
    }
    const cancel = chunks.find((c) => c.headings[1] === 'Posso disdire una prenotazione?');
    expect(cancel?.text).toContain("fino a 24 ore prima dell'inizio");
    expect(cancel?.text).toContain('codice di prenotazione');
    const spid = chunks.find((c) => c.headings.at(-1) === 'Serve lo SPID?');
    expect(spid?.text).toContain('Garanzia Giovani');
    expect(spid?.text).not.toContain('24 ore');
  });

  it('gives stable, unique ids and increasing positions', async () => {
    const first = (await readMarkdown(FAQ, 'faq.md')).records.documents ?? [];
    const second = (await readMarkdown(FAQ, 'faq.md')).records.documents ?? [];
    expect(second.map((c) => c.id)).toEqual(first.map((c) => c.id));
    expect(new Set(first.map((c) => c.id)).size).toBe(first.length);
    expect(first.map((c) => c.position)).toEqual(first.map((_, i) => i));
    // Ids follow the file, not how its path was typed: the same file under another label keeps them…
    const relabelled = (await readMarkdown(FAQ, 'altre-faq.md')).records.documents ?? [];
    expect(relabelled.map((c) => c.id)).toEqual(first.map((c) => c.id));
    // …and another file with the same text gets its own.
    const copy = await write('copia-faq.md', readFileSync(FAQ, 'utf8'));
    const other = (await readMarkdown(copy, 'faq.md')).records.documents ?? [];
    const ids = new Set(first.map((c) => c.id));
    expect(other.some((c) => ids.has(c.id))).toBe(false);
  });
});

describe('readMarkdown structure', () => {
  it('keeps the heading path, outermost first, popping on a shallower heading', async () => {
    const path = await write('nested.md', '# Guida\n\nIntro.\n\n## Corsi\n\n### Serali\n\nCorsi la sera.\n\n## Sedi ##\n\nLe sedi.\n');
    const chunks = (await readMarkdown(path, 'nested.md')).records.documents ?? [];
    expect(chunks.map((c) => c.headings)).toEqual([['Guida'], ['Guida', 'Corsi', 'Serali'], ['Guida', 'Sedi']]);
    expect(chunks[1]!.text).toContain('Corsi la sera.');
  });

  it('keeps Setext headings (a line underlined with === or ---) as passage headings, ATX ones alongside', async () => {
    const path = await write(
      'setext.md',
      'Guida ai corsi\n==============\n\nIntro.\n\nCorsi serali\n------------\n\nCorsi la sera.\n\n### Orari\n\nDalle 18.\n\nSedi\n---\n\nLe sedi.\n',
    );
    const { title, passages } = parseMarkdown(readFileSync(path, 'utf8'));
    expect(title).toBe('Guida ai corsi');
    expect(passages.map((p) => p.headings)).toEqual([
      ['Guida ai corsi'],
      ['Guida ai corsi', 'Corsi serali'],
      ['Guida ai corsi', 'Corsi serali', 'Orari'],
      ['Guida ai corsi', 'Sedi'],
    ]);
    expect(passages.map((p) => p.text)).toEqual(['Intro.', 'Corsi la sera.', 'Dalle 18.', 'Le sedi.']);
    const chunks = (await readMarkdown(path, 'setext.md')).records.documents ?? [];
    expect(chunks[0]!.title).toBe('Guida ai corsi');
    expect(chunks[1]!.text).toBe('Corsi serali\n\nCorsi la sera.');
  });

  it('takes every line of the paragraph above the underline as the heading', () => {
    const { passages } = parseMarkdown('# Guida\n\nCorsi per adulti\ne per ragazzi\n---\n\nTesto.\n');
    expect(passages).toEqual([{ headings: ['Guida', 'Corsi per adulti e per ragazzi'], text: 'Testo.' }]);
    // A number that is no list's first item does not break into a paragraph, so it is heading text too.
    expect(parseMarkdown('Novità del\n2025. Iscrizioni\n===\n\nTesto.\n').passages).toEqual([{ headings: ['Novità del 2025. Iscrizioni'], text: 'Testo.' }]);
  });

  it('leaves a thematic break (--- after a blank line, *** anywhere) and an underlined list item or quote in the text', () => {
    const source = '# Guida\n\n## Corsi\n\nPrima parte.\n\n---\n\nSeconda parte.\n***\nTerza parte.\n\n- un punto\n---\n\n> una citazione\n---\n\n    codice\n---\n';
    const { passages } = parseMarkdown(source);
    expect(passages.map((p) => p.headings)).toEqual([['Guida', 'Corsi']]);
    expect(passages[0]!.text).toContain('Prima parte.\n\n---\n\nSeconda parte.\n***\nTerza parte.');
    expect(passages[0]!.text).toContain('- un punto\n---');
    expect(passages[0]!.text).toContain('> una citazione\n---');
    expect(passages[0]!.text).toContain('    codice\n---');
  });

  it('does not take an underline inside fenced code, or front matter, for a heading', () => {
    const { title, passages } = parseMarkdown('---\ntitle: x\n---\n# Titolo\n\n```\nnon un titolo\n---\n```\n\nFine.\n');
    expect(title).toBe('Titolo');
    expect(passages).toEqual([{ headings: ['Titolo'], text: '```\nnon un titolo\n---\n```\n\nFine.' }]);
  });

  it('ignores # lines inside fenced code', async () => {
    const path = await write('fence.md', '# Titolo\n\n## Script\n\n```bash\n# not a heading\necho ok\n```\n\nDopo il codice.\n');
    const chunks = (await readMarkdown(path, 'fence.md')).records.documents ?? [];
    expect(chunks).toHaveLength(1);
    expect(chunks[0]!.headings).toEqual(['Titolo', 'Script']);
    expect(chunks[0]!.text).toContain('# not a heading');
    expect(chunks[0]!.text).toContain('Dopo il codice.');
  });

  it('takes the title from the file name when there is no H1, and guesses English', async () => {
    const path = await write('opening-hours.md', '## When is the hub open?\n\nThe hub is open from Monday to Friday, and you can book a desk with the assistant for the day.\n');
    const [chunk] = (await readMarkdown(path, 'opening-hours.md')).records.documents ?? [];
    expect(chunk?.title).toBe('opening-hours');
    expect(chunk?.language).toBe('en');
  });

  it('splits a long section into overlapping chunks that all keep the heading', async () => {
    const sentence = 'Il laboratorio di saldatura è aperto agli studenti delle classi quarte e quinte della rete. ';
    const long = Array.from({ length: 60 }, (_, i) => `${i}. ${sentence}`).join('');
    const path = await write('long.md', `# Laboratori\n\n## Saldatura\n\n${long}\n`);
    const chunks = (await readMarkdown(path, 'long.md')).records.documents ?? [];
    expect(chunks.length).toBeGreaterThan(4);
    for (const c of chunks) {
      expect(c.headings).toEqual(['Laboratori', 'Saldatura']);
      expect(c.text.length).toBeLessThanOrEqual(1100);
      expect(c.text.startsWith('Saldatura')).toBe(true);
    }
    // Overlap: the end of one piece reappears at the start of the next.
    const tail = chunks[0]!.text.slice(-40).trim().split(' ').slice(-3).join(' ');
    expect(chunks[1]!.text).toContain(tail);
  });
});

describe('readMarkdown on files with nothing to read', () => {
  it.each([
    ['empty.md', ''],
    ['blank.md', '   \n\n\t\n'],
    ['headings-only.md', '# Titolo\n\n## Vuoto\n'],
  ])('%s gives a Problem, not a crash', async (name, text) => {
    const batch = await readMarkdown(await write(name, text), name);
    expect(batch.records.documents).toEqual([]);
    expect(batch.problems).toHaveLength(1);
    expect(batch.problems[0]).toMatchObject({ file: name, message: expect.stringContaining('no text') });
  });

  it('a missing file gives a Problem', async () => {
    const batch = await readMarkdown(join(dir, 'missing.md'), 'missing.md');
    expect(batch.problems[0]?.message).toMatch(/cannot read the file/);
  });
});

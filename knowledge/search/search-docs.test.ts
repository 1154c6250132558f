import { describe, expect, it } from 'vitest';
import { readSample } from '../../ingest/sample.js';
import { contentHash } from '../catalogue/content-hash.js';
import type { Comune, Course, Site } from '../../domain/model/index.js';
import { words } from '../../text/normalize.js';
import { STOPWORDS } from '../../text/stopwords.js';
import { courseDoc, documentDoc, initiativeDoc, schoolDoc, serviceDoc, siteDoc, type Places, type SearchRow } from './search-docs.js';

const sample = readSample();
const places: Places = {
  sites: new Map((sample.sites as Site[]).map((s) => [s.id, s])),
  comuni: new Map((sample.comuni as Comune[]).map((c) => [c.code, c])),
  comuniByCadastral: new Map((sample.comuni as Comune[]).map((c) => [c.cadastralCode, c])),
};
const rows: SearchRow[] = [
  ...sample.courses!.map((c) => courseDoc(c, places)),
  ...sample.sites!.map((s) => siteDoc(s, places)),
  ...sample.services!.map((s) => serviceDoc(s, places)),
  ...sample.initiatives!.map((i) => initiativeDoc(i, places)),
  ...(sample.schools ?? []).map((s) => schoolDoc(s, places)),
  ...sample.documents!.map((d) => documentDoc(d)),
];

describe('search rows', () => {
  it('carry as JSON the fields their hash is the content hash of', () => {
    expect(rows.length).toBeGreaterThan(30);
    for (const row of rows) {
      const { content_hash, ...fields } = JSON.parse(row.json) as Record<string, unknown>;
      expect(content_hash).toBe(row.content_hash);
      expect([fields.kind, fields.id]).toEqual([row.kind, row.id]);
      expect(contentHash(fields)).toBe(row.content_hash);
      expect(Object.keys(fields).sort()).toEqual(
        ['audience', 'body', 'comune_codes', 'cost', 'deadline', 'end_date', 'id', 'keywords', 'kind', 'lats', 'level', 'lons', 'name_terms', 'names', 'online', 'start_date', 'title'],
      );
    }
  });

  it('keep the hashes stores already hold: a change would rewrite every search row and its vector at the next ingest', () => {
    const hash = (kind: string, id: string) => rows.find((r) => r.kind === kind && r.id === id)?.content_hash;
    // Pinned from the implementation that derived the rows as objects and hashed them with contentHash.
    // A change here must come with a higher SEARCH_ROWS_VERSION, so stores derive every row again.
    expect(hash('course', 'C001')).toBe('D8VEEiVaxmu4HJxMIDpWuz');
    expect(hash('site', 'S01')).toBe('GnEBcfEml-8mtGGte-zW7w');
    expect(hash('service', 'SV01')).toBe('RBcxo7tiY8JKg3HGhxJo5W');
    expect(hash('initiative', 'IN01')).toBe('H6n8VX0ODcyUavej_u5TCg');
    expect(hash('doc', 'D001')).toBe('Eiax-Iaen7gXXpr5NxuOkW');
  });

  it('take name terms from the whole names text, also where the remembered part follows a code', () => {
    // The rule, applied to the names text in one piece.
    const expected = (names: string) => [...new Set(words(names).filter((w) => w.length >= 3 && !/\d/.test(w) && !STOPWORDS.has(w)))];
    const course = sample.courses![0]!;
    const tricky: Course[] = [
      { ...course, id: 'ROBOTICA', title: 'Saldatura — base' },
      { ...course, id: 'SALDATURA', title: 'Corso di saldatura' },
      { ...course, id: 'C900', title: 'Perché la saldatura? Corso per tutti' },
      { ...course, id: 'C901', title: 'Perché la saldatura? Corso per tutti', keywords: ['saldatura', 'Ćevapi'] },
    ];
    const all = [...rows, ...tricky.map((c) => courseDoc(c, places)), ...tricky.map((c) => courseDoc(c, places))];
    for (const row of all) {
      const fields = JSON.parse(row.json) as { names: string; name_terms: string[] };
      expect(fields.name_terms, `${row.kind} ${row.id}`).toEqual(expected(fields.names));
    }
    // A code that is a word comes first, also when the rest was remembered from an earlier row.
    expect((JSON.parse(all.at(-4)!.json) as { name_terms: string[] }).name_terms[0]).toBe('robotica');
  });
});

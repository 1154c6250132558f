import { describe, expect, it } from 'vitest';
import { STOPWORDS } from '../../text/stopwords.js';
import { words } from '../../text/normalize.js';
import { HashedNgramEmbedder } from './hashed-ngram-embedder.js';

/** The embedder's definition written plainly: the cached, incremental one must match it bit for bit. */
function reference(text: string, dimensions = 256): number[] {
  const fnv = (s: string) => {
    let h = 0x811c9dc5;
    for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
    return h >>> 0;
  };
  const v = new Float64Array(dimensions);
  const add = (feature: string, weight: number) => {
    const h = fnv(feature);
    v[h % dimensions]! += h & 0x80000000 ? -weight : weight;
  };
  for (const w of words(text)) {
    if (STOPWORDS.has(w)) continue;
    add(`w:${w}`, 1);
    if (w.length > 5) add(`p:${w.slice(0, 5)}`, 0.8);
    const padded = `#${w}#`;
    for (let i = 0; i + 3 <= padded.length; i++) add(`t:${padded.slice(i, i + 3)}`, 0.25);
  }
  const norm = Math.sqrt(v.reduce((s, x) => s + x * x, 0)) || 1;
  return Array.from(v, (x) => Math.round((x / norm) * 1e6) / 1e6);
}

const dot = (a: number[], b: number[]) => a.reduce((s, x, i) => s + x * b[i]!, 0);
const norm = (a: number[]) => Math.sqrt(dot(a, a));

describe('HashedNgramEmbedder', () => {
  it('has 256 dimensions by default and names them in its id', () => {
    const e = new HashedNgramEmbedder();
    expect(e.dimensions).toBe(256);
    expect(e.id).toBe('hashed-ngrams-v1-256');
    expect(e.embedOne('saldatura')).toHaveLength(256);
  });

  it('respects the dimensions it is given', async () => {
    const e = new HashedNgramEmbedder(64);
    expect(e.dimensions).toBe(64);
    expect(e.id).toBe('hashed-ngrams-v1-64');
    const [a, b] = await e.embed(['corso di saldatura', 'contabilita']);
    expect(a).toHaveLength(64);
    expect(b).toHaveLength(64);
  });

  it('is deterministic, across calls and instances', async () => {
    const text = 'Corso di saldatura a filo per principianti';
    const first = new HashedNgramEmbedder().embedOne(text);
    const second = new HashedNgramEmbedder().embedOne(text);
    expect(second).toEqual(first);
    const [viaEmbed] = await new HashedNgramEmbedder().embed([text]);
    expect(viaEmbed).toEqual(first);
    expect(first.some((x) => x !== 0)).toBe(true);
  });

  it('returns one vector per text, in order', async () => {
    const e = new HashedNgramEmbedder();
    const texts = ['saldatura', 'contabilita', 'robotica'];
    const vectors = await e.embed(texts);
    expect(vectors).toHaveLength(3);
    vectors.forEach((v, i) => expect(v).toEqual(e.embedOne(texts[i]!)));
    expect(await e.embed([])).toEqual([]);
  });

  it('gives exactly the vectors of its plain definition, also for words met again', () => {
    const texts = [
      'Corso di saldatura a filo per principianti',
      'Saldatura TIG avanzata: saldatura, saldatore, saldature',
      'Università, perché è così? Città di Mantova, 3D e C012',
      'x ab abc abcde abcdef 𝔘nicode ☃ naïve',
      '',
    ];
    for (const dimensions of [256, 64, 1000]) {
      const e = new HashedNgramEmbedder(dimensions);
      for (const text of [...texts, ...texts]) expect(e.embedOne(text)).toEqual(reference(text, dimensions));
    }
  });

  it('returns unit-length vectors', () => {
    const e = new HashedNgramEmbedder();
    for (const text of ['saldatura', 'corso di italiano per stranieri a Mantova', 'fablab viadana stampa 3d', 'x']) {
      expect(Math.abs(norm(e.embedOne(text)) - 1)).toBeLessThan(1e-6);
    }
  });

  it('puts a typo nearer than an unrelated word', () => {
    const e = new HashedNgramEmbedder();
    const base = e.embedOne('saldatura');
    const typo = dot(base, e.embedOne('saldatira'));
    const unrelated = dot(base, e.embedOne('contabilita'));
    expect(typo).toBeGreaterThan(unrelated);
    // Shared prefix (0.8) and 6 of 9 trigrams (0.25 each) over a norm² of 1 + 0.64 + 9 * 0.0625: about 0.46.
    expect(typo).toBeCloseTo((0.64 + 6 * 0.0625) / (1 + 0.64 + 9 * 0.0625), 2);
    expect(Math.abs(unrelated)).toBeLessThan(0.3);
  });

  it('puts words sharing a prefix near each other', () => {
    const e = new HashedNgramEmbedder();
    const base = e.embedOne('saldatura');
    expect(dot(base, e.embedOne('saldatore'))).toBeGreaterThan(dot(base, e.embedOne('contabilita')));
  });

  it('gives a zero vector, not NaN, for stopwords only', () => {
    const e = new HashedNgramEmbedder();
    for (const text of ['di per il', 'the of and', '', '!!! ???']) {
      const v = e.embedOne(text);
      expect(v).toHaveLength(256);
      expect(v.some((x) => Number.isNaN(x))).toBe(false);
      expect(v.every((x) => x === 0)).toBe(true);
    }
  });

  it('ignores stopwords around topical words', () => {
    const e = new HashedNgramEmbedder();
    expect(e.embedOne('il corso di saldatura')).toEqual(e.embedOne('corso saldatura'));
  });

  it('folds accents and case', () => {
    const e = new HashedNgramEmbedder();
    expect(e.embedOne('perché')).toEqual(e.embedOne('perche'));
    expect(e.embedOne('Università')).toEqual(e.embedOne('universita'));
    expect(e.embedOne('SALDATURA')).toEqual(e.embedOne('saldatura'));
  });
});

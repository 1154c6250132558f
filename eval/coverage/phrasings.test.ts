import { describe, expect, it } from 'vitest';
import { fill, hash, PHRASINGS, rotation, withTypo } from './phrasings.js';

/** Letters inserted, dropped, changed or two neighbours swapped: how far a typo is from the word. */
function edits(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
    }
  }
  return d[a.length]![b.length]!;
}

describe('question phrasings', () => {
  it('puts one wrong letter into one question word, never into the name', () => {
    const questions = ['quando inizia stampa 3d?', 'quanto costa il corso di saldatura tig e mig', 'orari del fablab fermi', 'che documenti servono per did?', 'cosa c e dentro fablab fermi'];
    for (const q of questions) {
      for (let seed = 0; seed < 40; seed++) {
        const typo = withTypo(q, `seed-${seed}`, 'fablab fermi')!;
        const [before, after] = [q.split(' '), typo.split(' ')];
        expect(after).toHaveLength(before.length);
        const changed = before.map((w, i) => [w, after[i]!] as const).filter(([a, b]) => a !== b);
        expect(changed, `${q} -> ${typo}`).toHaveLength(1);
        const [word, wrong] = changed[0]!;
        expect(edits(word.replace(/\?$/, ''), wrong.replace(/\?$/, ''))).toBe(1);
        expect(['fablab', 'fermi', 'stampa', '3d', 'saldatura', 'tig', 'mig', 'did?']).not.toContain(word);
      }
    }
    expect(withTypo('dov e?', 'x')).toBeUndefined();
  });

  it('fills templates with the names and picks them the same way every time', () => {
    const names = { T: '«Stampa 3D»', il: 'il corso «Stampa 3D»', di: 'del corso «Stampa 3D»', en: '«Stampa 3D»', s: 'stampa 3d', key: 'stampa 3d' };
    expect(fill('Quando inizia il corso {T}?', names)).toBe('Quando inizia il corso «Stampa 3D»?');
    expect(fill('qnd inizia {s}?', names)).toBe('qnd inizia stampa 3d?');
    expect(rotation(['a', 'b', 'c'], 'seed')).toEqual(rotation(['a', 'b', 'c'], 'seed'));
    expect(new Set(rotation(['a', 'b', 'c'], 'seed'))).toEqual(new Set(['a', 'b', 'c']));
    expect(hash('C001')).toBe(hash('C001'));
  });

  it('has three phrasings and follow-ups in both languages for every field it asks about', () => {
    for (const [kind, fields] of Object.entries(PHRASINGS)) {
      for (const [field, p] of Object.entries(fields)) {
        for (const list of [p.formal, p.colloquial, p.en, p.followIt, p.followEn]) expect(list.length, `${kind}/${field}`).toBeGreaterThan(0);
        for (const t of p.colloquial) expect(t, `${kind}/${field}`).toMatch(/^[a-z0-9 ?,{}'.+-]+$/);
        for (const t of [...p.followIt, ...p.followEn]) expect(t, `${kind}/${field}: a follow-up does not name the record`).not.toMatch(/\{/);
      }
    }
  });
});

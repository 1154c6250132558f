import { describe, expect, it } from 'vitest';
import { mendAsking } from './typos.js';

const none = () => false;

describe('mendAsking: question words as people mistype them', () => {
  it.each([
    ['indirizo scuola materna la trottola', 'indirizzo scuola materna la trottola'],
    ['doe sta la scuola', 'dove sta la scuola'],
    ['dvoe sta il fablab', 'dove sta il fablab'],
    ['dovve si trova', 'dove si trova'],
    ['quado inizia', 'quando inizia'],
    ['adress of the lab', 'address of the lab'],
    ['telefnoo del cpia', 'telefono del cpia'],
  ])('%s', (typed, meant) => {
    expect(mendAsking(typed, none)).toBe(meant);
  });

  it('leaves words of their own: a shorter word changed by a letter, a catalogue word, a number', () => {
    expect(mendAsking('quanti posti ci sono', none)).toBe('quanti posti ci sono');
    expect(mendAsking('i love the move', none)).toBe('i love the move');
    expect(mendAsking('devo dover venire', none)).toBe('devo dover venire');
    expect(mendAsking('orario di dova', (w) => w === 'dova')).toBe('orario di dova');
  });
});

describe('mistyped question words of asking what and how much', () => {
  it.each([
    ['di csa parla', 'di cosa parla'],
    ['ci sono psti', 'ci sono posti'],
    ['si paag', 'si paga'],
    ['etro quando', 'entro quando'],
  ])('%s -> %s', (typed, meant) => {
    expect(mendAsking(typed, () => false)).toBe(meant);
  });

  it('leaves words of their own that are one edit away', () => {
    expect(mendAsking('quanto costa il posto', () => false)).toBe('quanto costa il posto');
  });
});

describe('words one edit from a question word that are words of their own', () => {
  it.each(['dentro', 'centro', 'server', 'corsa', 'praga', 'post'])('%s is left as it is', (w) => {
    expect(mendAsking(`il ${w} di mantova`, () => false)).toBe(`il ${w} di mantova`);
  });
});

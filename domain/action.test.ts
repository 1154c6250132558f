import { describe, expect, it } from 'vitest';
import { decodeAction, encodeAction, MAX_ACTION, type Action } from './action.js';

// Keyed by type, so a new variant without examples here does not compile.
const EXAMPLES: { [T in Action['type']]: Extract<Action, { type: T }>[] } = {
  details: [
    { type: 'details', ref: { kind: 'course', id: 'C001' } },
    { type: 'details', ref: { kind: 'school', id: 'MNIS01100E' } },
    { type: 'details', ref: { kind: 'doc', id: 'faq:did:3' } },
  ],
  book: [
    { type: 'book', ref: { kind: 'site', id: 'S02' } },
    { type: 'book', ref: { kind: 'site', id: 'S02' }, form: { slot: 'SL066', class: '4B', group: '24', name: 'Maria Bianchi & C.' } },
    { type: 'book', ref: { kind: 'service', id: 'SV01' }, form: { slot: 'P089' } },
  ],
  slot: [{ type: 'slot', slot: 'SL066' }],
  cancel: [{ type: 'cancel', code: 'LTO-7K3P' }],
  path: [{ type: 'path', course: 'C008' }],
  refine: [
    { type: 'refine', filter: 'free' },
    { type: 'refine', filter: 'online' },
  ],
  menu: [
    { type: 'menu', menu: 'courses' },
    { type: 'menu', menu: 'sites' },
    { type: 'menu', menu: 'services' },
    { type: 'menu', menu: 'initiatives' },
  ],
  handoff: [{ type: 'handoff' }],
  help: [{ type: 'help' }],
  privacy: [{ type: 'privacy' }, { type: 'privacy', what: 'export' }, { type: 'privacy', what: 'erase' }],
  confirm: [{ type: 'confirm' }],
  deny: [{ type: 'deny' }],
  lang: [{ type: 'lang' }, { type: 'lang', lang: 'it' }, { type: 'lang', lang: 'en' }],
  more: [{ type: 'more' }],
};

const ALL: Action[] = Object.values(EXAMPLES).flat();

describe('actions', () => {
  it.each(ALL.map((a) => [encodeAction(a), a] as const))('%s decodes to the action it was encoded from', (wire, action) => {
    expect(decodeAction(wire)).toEqual(action);
  });

  it('gives every action its own string', () => {
    expect(new Set(ALL.map(encodeAction)).size).toBe(ALL.length);
  });

  // Buttons already sent (in Telegram chats, Teams cards, stored turns, eval cases) are pressed later.
  it.each([
    ['details:course:C001', { type: 'details', ref: { kind: 'course', id: 'C001' } }],
    ['book:site:S02?slot=SL068&class=4B&group=15&name=Maria+Bianchi', { type: 'book', ref: { kind: 'site', id: 'S02' }, form: { slot: 'SL068', class: '4B', group: '15', name: 'Maria Bianchi' } }],
    ['slot:SL066', { type: 'slot', slot: 'SL066' }],
    ['cancel:LTO-7K3P', { type: 'cancel', code: 'LTO-7K3P' }],
    ['path:C008', { type: 'path', course: 'C008' }],
    ['refine:free', { type: 'refine', filter: 'free' }],
    ['menu:courses', { type: 'menu', menu: 'courses' }],
    ['privacy:erase', { type: 'privacy', what: 'erase' }],
    ['lang:en', { type: 'lang', lang: 'en' }],
    ['handoff', { type: 'handoff' }],
    ['confirm', { type: 'confirm' }],
  ] as [string, Action][])('reads the wire format %s as before, and writes it the same', (wire, action) => {
    expect(decodeAction(wire)).toEqual(action);
    expect(encodeAction(action)).toBe(wire);
  });

  it.each(['', 'details', 'details:course', 'details:planet:X1', 'book:course:', 'slot:', 'refine:cheap', 'menu:food', 'privacy:sell', 'lang:fr', 'help:me', 'confirm:yes', 'launch', 'x'.repeat(MAX_ACTION + 1)])(
    'refuses %j',
    (wire) => {
      expect(decodeAction(wire)).toBeNull();
    },
  );
});

import type { Lang } from './message.js';
import type { RecordRef, SearchKind } from './ports.js';

/**
 * What a button does, typed. Buttons travel through every channel as the string `encodeAction`
 * makes ("details:course:C001", "book:site:S02?slot=P089&class=4B"), and come back through
 * `decodeAction`: nothing else builds or splits these strings.
 */
export type Action =
  | { type: 'details'; ref: RecordRef }
  /** `form`: answers a channel's booking form gave at once (slot, class, group, name). */
  | { type: 'book'; ref: RecordRef; form?: BookingForm }
  | { type: 'slot'; slot: string }
  | { type: 'cancel'; code: string }
  | { type: 'path'; course: string }
  | { type: 'refine'; filter: 'free' | 'online' }
  | { type: 'menu'; menu: Menu }
  | { type: 'handoff' }
  | { type: 'help' }
  | { type: 'privacy'; what?: 'export' | 'erase' }
  | { type: 'confirm' }
  | { type: 'deny' }
  /** Without `lang`: offer the languages to choose from. */
  | { type: 'lang'; lang?: Lang }
  | { type: 'more' };

export type Menu = 'courses' | 'sites' | 'services' | 'initiatives';
export interface BookingForm {
  slot?: string;
  class?: string;
  group?: string;
  name?: string;
}

const RECORD_KINDS: readonly string[] = ['course', 'site', 'service', 'initiative', 'school', 'doc'];
const MENUS: readonly string[] = ['courses', 'sites', 'services', 'initiatives'];
/** Longer strings are not buttons of ours; channels cap what they carry anyway (Telegram: 64 bytes). */
export const MAX_ACTION = 200;

export function encodeAction(a: Action): string {
  switch (a.type) {
    case 'details':
      return `details:${a.ref.kind}:${a.ref.id}`;
    case 'book': {
      const form = a.form ? new URLSearchParams(Object.entries(a.form).filter((e): e is [string, string] => typeof e[1] === 'string' && e[1] !== '')).toString() : '';
      return `book:${a.ref.kind}:${a.ref.id}${form ? `?${form}` : ''}`;
    }
    case 'slot':
      return `slot:${a.slot}`;
    case 'cancel':
      return `cancel:${a.code}`;
    case 'path':
      return `path:${a.course}`;
    case 'refine':
      return `refine:${a.filter}`;
    case 'menu':
      return `menu:${a.menu}`;
    case 'privacy':
      return a.what ? `privacy:${a.what}` : 'privacy';
    case 'lang':
      return a.lang ? `lang:${a.lang}` : 'lang';
    default:
      return a.type;
  }
}

/** The action a button string stands for, or null for anything that is not one of ours. */
export function decodeAction(raw: string): Action | null {
  if (!raw || raw.length > MAX_ACTION) return null;
  const q = raw.indexOf('?');
  const head = q >= 0 ? raw.slice(0, q) : raw;
  const [name, ...rest] = head.split(':');
  const arg = rest.join(':');
  const ref = (): RecordRef | null => {
    const [kind, ...id] = rest;
    const joined = id.join(':');
    return kind && joined && RECORD_KINDS.includes(kind) ? { kind: kind as SearchKind, id: joined } : null;
  };
  switch (name) {
    case 'details': {
      const r = ref();
      return r ? { type: 'details', ref: r } : null;
    }
    case 'book': {
      const r = ref();
      if (!r) return null;
      if (q < 0) return { type: 'book', ref: r };
      const params = new URLSearchParams(raw.slice(q + 1));
      const form: BookingForm = {};
      for (const key of ['slot', 'class', 'group', 'name'] as const) {
        const v = params.get(key);
        if (v) form[key] = v;
      }
      return { type: 'book', ref: r, form };
    }
    case 'slot':
      return arg ? { type: 'slot', slot: arg } : null;
    case 'cancel':
      return arg ? { type: 'cancel', code: arg } : null;
    case 'path':
      return arg ? { type: 'path', course: arg } : null;
    case 'refine':
      return arg === 'free' || arg === 'online' ? { type: 'refine', filter: arg } : null;
    case 'menu':
      return MENUS.includes(arg) ? { type: 'menu', menu: arg as Menu } : null;
    case 'privacy':
      if (!arg) return { type: 'privacy' };
      return arg === 'export' || arg === 'erase' ? { type: 'privacy', what: arg } : null;
    case 'lang':
      if (!arg) return { type: 'lang' };
      return arg === 'it' || arg === 'en' ? { type: 'lang', lang: arg } : null;
    case 'handoff':
    case 'help':
    case 'confirm':
    case 'deny':
    case 'more':
      return arg ? null : { type: name };
    default:
      return null;
  }
}

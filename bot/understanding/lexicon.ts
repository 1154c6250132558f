import { StemmerIt } from '@nlpjs/lang-it';
import { fold } from '../../text/normalize.js';
import { STOPWORDS } from '../../text/stopwords.js';

/**
 * The catalogue as a dictionary of names. People name records the way they know them ("il FabLab
 * del Fermi", "l'AgriLab", "la DID", "l'open day dell'hub", "il corso di scratch"), never by the
 * partner's full title; each record is named here by every name its own data gives it (title, the
 * part of a title before a colon, its labs, the school that hosts it, its kind and town), so a lab
 * or a course a partner adds is nameable without touching the code.
 *
 * A name is matched word by word, each word weighted by how rare it is among all names (a word
 * that names one record says more than "centro" or "corso"), with Italian stems and one typo
 * allowed in longer words.
 */
export interface NamedRecord {
  kind: string;
  id: string;
  /** Phrases that name the record, most official first. */
  names: string[];
  /** The comune the record is in (a site's, a course's site's). */
  comune?: string;
  /** Names that say what is done there rather than where (a site's labs). */
  activities?: string[];
  /** What kind of place it is, as the registry says ("SCUOLA PRIMO GRADO"): a school's grade. */
  type?: string;
}

export interface Mention {
  kind: string;
  id: string;
  /** Share of the best name's weight the words cover, 0..1. */
  coverage: number;
  /** Weight of the words matched: how much the words say, not only what share. */
  weight: number;
  /** The name matched best. */
  name: string;
  /** Folded words of the message that matched it. */
  matched: string[];
  /** Matched a word that names this record alone ("agrilab", "scratch", "did"). */
  distinctive: boolean;
  /** Every word of the name was said. */
  full: boolean;
  /** How many of the matched words name things (not kinds of things, places or audiences). */
  naming: number;
  /** The comune the record is in, when the catalogue says. */
  comune?: string;
  /** The name matched says what is done there (a lab), not where: "saldatura" names no place. */
  activity?: boolean;
  /** The record's type, when the catalogue says (a school's grade). */
  type?: string;
}

/** Words that are in many names and say what kind of thing it is, not which one. */
const GENERIC = new Set(
  ('corso corsi course courses sede sedi site laboratorio laboratori lab labs centro center centre servizio servizi service ' +
    'percorso percorsi livello level base per della delle scuola scuole school istituto iniziativa iniziative evento eventi ' +
    'provincia rete lto nuovo nuova giornata sportello').split(' '),
);
/** How rare a word must be to name a record by itself: only this record is called so. */
const DISTINCTIVE_DF = 1;

const stemmer = new StemmerIt();
const stemOf = (w: string): string => (w.length >= 5 && /^[a-z]+$/.test(w) ? stemmer.stemWord(w) : w);

/** A name written with a dot inside a word ("For.Ma") is one word, as people also write it ("Forma"). */
export function joinDotted(text: string): string {
  return text.replace(/(?<![\p{L}.@])(\p{L}{2,})\.(\p{L}{2,})(?![\p{L}.@])/gu, '$1$2');
}

export function nameWords(text: string): string[] {
  return fold(joinDotted(text))
    .split(' ')
    .filter((w) => w && !STOPWORDS.has(w) && (w.length >= 2 || /\d/.test(w)));
}

/** Every string one deletion away: two words one edit apart share one of these (SymSpell). */
function deletions(word: string): string[] {
  const out = [word];
  for (let i = 0; i < word.length; i++) out.push(word.slice(0, i) + word.slice(i + 1));
  return out;
}

interface Name {
  record: number;
  text: string;
  words: string[];
  total: number;
}

export class Lexicon {
  private readonly records: NamedRecord[];
  private readonly names: Name[] = [];
  /** Word (and stem) -> names holding it. */
  private readonly postings = new Map<string, Set<number>>();
  /** Number of records whose names hold a word. */
  private readonly df = new Map<string, number>();
  /** Number of records whose names hold a word in any of its forms. */
  private readonly stemDf = new Map<string, number>();
  /** Deletion variant -> words it comes from, for one-typo matches of longer words. */
  private readonly fuzzy = new Map<string, Set<string>>();
  private readonly weightOf: (w: string) => number;

  /** Words of place names: a town alone names no record ("a Suzzara"), it tells apart those that share a name. */
  private readonly places: ReadonlySet<string>;

  /** Words that say who or how (audiences, levels, modes), never which record. */
  private readonly notNaming: ReadonlySet<string>;

  constructor(records: readonly NamedRecord[], options: { places?: Iterable<string>; notNaming?: Iterable<string> } = {}) {
    this.records = [...records];
    this.places = new Set([...(options.places ?? [])].flatMap((p) => nameWords(p)));
    this.notNaming = new Set([...(options.notNaming ?? [])].flatMap((p) => nameWords(p)));
    const seenIn = new Map<string, Set<number>>();
    this.records.forEach((r, i) => {
      const phrases = new Set<string>();
      for (const n of r.names) {
        const words = [...new Set(nameWords(n))];
        const key = words.join(' ');
        if (!key || phrases.has(key)) continue;
        phrases.add(key);
        const index = this.names.length;
        this.names.push({ record: i, text: n, words, total: 0 });
        for (const w of words) {
          for (const k of new Set([w, stemOf(w)])) {
            let set = this.postings.get(k);
            if (!set) this.postings.set(k, (set = new Set()));
            set.add(index);
          }
          let recs = seenIn.get(w);
          if (!recs) seenIn.set(w, (recs = new Set()));
          recs.add(i);
          if (w.length >= 5 && /^[a-z]+$/.test(w)) {
            for (const d of deletions(w)) {
              let set = this.fuzzy.get(d);
              if (!set) this.fuzzy.set(d, (set = new Set()));
              set.add(w);
            }
          }
        }
      }
    });
    for (const [w, recs] of seenIn) this.df.set(w, recs.size);
    // How many records a word names counting its other forms ("fotovoltaico", "fotovoltaici"):
    // a word is distinctive only when no other record goes by any form of it.
    const byStem = new Map<string, Set<number>>();
    for (const [w, recs] of seenIn) {
      const stem = stemOf(w);
      let set = byStem.get(stem);
      if (!set) byStem.set(stem, (set = new Set()));
      for (const r of recs) set.add(r);
    }
    for (const w of seenIn.keys()) this.stemDf.set(w, byStem.get(stemOf(w))!.size);
    const n = Math.max(1, this.records.length);
    this.weightOf = (w) => (GENERIC.has(w) ? 0.25 : Math.log(1 + n / (this.df.get(w) ?? 1)));
    for (const name of this.names) name.total = name.words.reduce((s, w) => s + this.weightOf(w), 0);
  }

  get size(): number {
    return this.records.length;
  }

  /** Whether a folded word is a word of some record's name. */
  knows(word: string): boolean {
    return this.postings.has(word);
  }

  /**
   * The name words a message word stands for: itself, a word one typo away, or its stem. A stem
   * alone ("disabili" for "disabilità") relates a word to a name without naming the record.
   */
  private expand(word: string): string[] {
    const out = new Set<string>();
    if (this.postings.has(word)) out.add(word);
    const stem = stemOf(word);
    if (stem !== word && this.postings.has(stem)) out.add(`~${stem}`);
    // One typo only in long words: "alunni" is a word of its own, not "alumni" misspelt; and a
    // town's name is no typo either ("Mariana" is not "madrina").
    if (out.size === 0 && word.length >= 7 && /^[a-z]+$/.test(word) && !this.places.has(word)) {
      for (const d of deletions(word)) for (const candidate of this.fuzzy.get(d) ?? []) if (Math.abs(candidate.length - word.length) <= 1) out.add(candidate);
    }
    return [...out];
  }

  /**
   * The records the words name, best first. A record is named when the words cover most of one of
   * its names, or hold a word that only it (or one other) is called by.
   */
  find(text: string, options: { kinds?: readonly string[]; minCoverage?: number; placeNames?: boolean } = {}): Mention[] {
    const words = [...new Set(nameWords(text))];
    if (words.length === 0) return [];
    // Message word -> the name words (and stems) it matches.
    const hits = new Map<string, string[]>();
    const candidates = new Set<number>();
    for (const w of words) {
      const keys = this.expand(w);
      if (keys.length === 0) continue;
      hits.set(w, keys);
      for (const k of keys) for (const n of this.postings.get(k.replace(/^~/, '')) ?? []) candidates.add(n);
    }
    const best = new Map<number, Mention>();
    const minCoverage = options.minCoverage ?? 0.6;
    for (const index of candidates) {
      const name = this.names[index]!;
      const record = this.records[name.record]!;
      if (options.kinds && !options.kinds.includes(record.kind)) continue;
      const matched: string[] = [];
      let weight = 0;
      let distinctive = false;
      let naming = 0;
      for (const nw of name.words) {
        const stem = stemOf(nw);
        const by = words.find((w) => hits.get(w)?.some((k) => k === nw || k === `~${stem}`));
        if (!by) continue;
        const exact = hits.get(by)!.includes(nw);
        matched.push(by);
        weight += this.weightOf(nw);
        const names = !GENERIC.has(nw) && !this.places.has(nw) && !this.notNaming.has(nw);
        if (names) naming++;
        if (names && exact && (nw.length >= 3 || /\d/.test(nw)) && !/^\d+$/.test(nw) && (this.stemDf.get(nw) ?? 99) <= DISTINCTIVE_DF) distinctive = true;
      }
      // A name of only a town's and kind's words ("CASALMORO", a school) is named when said in full.
      if (naming === 0 && !(options.placeNames && matched.length === name.words.length && name.words.some((w) => this.places.has(w)))) continue;
      const coverage = name.total > 0 ? weight / name.total : 0;
      if (coverage < minCoverage && !distinctive) continue;
      const previous = best.get(name.record);
      if (previous && (previous.coverage > coverage || (previous.coverage === coverage && previous.weight >= weight))) continue;
      best.set(name.record, { kind: record.kind, id: record.id, coverage, weight, name: name.text, matched, distinctive, full: matched.length === name.words.length, naming, ...(record.comune ? { comune: record.comune } : {}), ...(record.type ? { type: record.type } : {}), ...(record.activities?.includes(name.text) ? { activity: true } : {}) });
    }
    return [...best.values()].sort((a, b) => b.weight * (0.5 + b.coverage) - a.weight * (0.5 + a.coverage) || b.coverage - a.coverage || (a.id < b.id ? -1 : 1));
  }
}

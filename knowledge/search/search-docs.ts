import { hashText } from '../catalogue/content-hash.js';
import { words } from '../../text/normalize.js';
import { STOPWORDS } from '../../text/stopwords.js';
import type { Comune, Course, DocumentChunk, Initiative, School, Service, Site } from '../../domain/model/index.js';
import type { SearchKind } from '../../domain/ports.js';
import { AUDIENCE_WORDS, KIND_WORDS, LEVEL_WORDS, MODE_WORDS, spokenToken } from './vocabulary.js';

/**
 * Raise it whenever a change here changes any row (search-docs.test.ts pins some hashes): the
 * next ingest then derives every row again, not only those of the kinds its source holds.
 */
export const SEARCH_ROWS_VERSION = 2;

export const SEARCH_KINDS: readonly SearchKind[] = ['course', 'site', 'service', 'initiative', 'school', 'doc'];

/** One row of `search_index`: what full text, trigrams, vectors and filters look at. */
export interface SearchDoc {
  kind: SearchKind;
  id: string;
  title: string;
  keywords: string;
  body: string;
  names: string;
  /** Distinct folded words of `names`, for typo-tolerant matching through `search_terms`. */
  name_terms: string[];
  comune_codes: string[];
  lats: number[];
  lons: number[];
  audience: string[];
  level: string | null;
  cost: number | null;
  online: boolean | null;
  start_date: string | null;
  end_date: string | null;
  deadline: string | null;
  content_hash: string;
}

/** A search row ready to be written: its key, its hash, and the row as JSON (content_hash included). */
export interface SearchRow {
  kind: SearchKind;
  id: string;
  content_hash: string;
  json: string;
}

export interface Places {
  sites: Map<string, Site>;
  comuni: Map<string, Comune>;
  comuniByCadastral: Map<string, Comune>;
}

interface Place {
  comune?: Comune;
  lat?: number;
  lon?: number;
}

/** A site's position: its own coordinates, or its comune's when it has none. */
function placeOfSite(places: Places, siteId: string | undefined): Place | null {
  if (!siteId) return null;
  const site = places.sites.get(siteId);
  if (!site) return null;
  const comune = places.comuni.get(site.comune);
  return { comune, lat: site.lat ?? comune?.lat, lon: site.lon ?? comune?.lon };
}

type Part = string | undefined | null | false | readonly string[];

/** The non-empty strings among the parts (lists flattened), space-separated. */
function join(...parts: Part[]): string {
  let out = '';
  for (const p of parts) {
    if (typeof p === 'string') {
      if (p.length > 0) out = out ? `${out} ${p}` : p;
    } else if (Array.isArray(p)) {
      for (const q of p) if (typeof q === 'string' && q.length > 0) out = out ? `${out} ${q}` : q;
    }
  }
  return out;
}

type Fields = Omit<SearchDoc, 'content_hash'>;
/** What a kind's doc function gives; finish adds the places and name terms. */
type DocFields = Omit<Fields, 'comune_codes' | 'lats' | 'lons' | 'name_terms'>;

/**
 * A row's hash is that of its canonical JSON, written directly: its fields are fixed and hold only
 * strings, numbers, booleans, null and lists of those, which JSON.stringify writes as canonicalJson
 * does, keys in the order given. The row sent is the same object with its hash, encoded whole.
 */
function toRow(doc: DocFields, name_terms: string[], comune_codes: string[], lats: number[], lons: number[]): SearchRow {
  // Keys in code-unit order, as canonicalJson writes them (search-docs.test.ts checks the hashes).
  // A plain object of one shape is written by V8 in one flat string; a row joined from 17 pieces
  // was a rope that its hash, its batch and the encoding each copied again.
  const row = {
    audience: doc.audience,
    body: doc.body,
    comune_codes,
    cost: doc.cost,
    deadline: doc.deadline,
    end_date: doc.end_date,
    id: doc.id,
    keywords: doc.keywords,
    kind: doc.kind,
    lats,
    level: doc.level,
    lons,
    name_terms,
    names: doc.names,
    online: doc.online,
    start_date: doc.start_date,
    title: doc.title,
  };
  const content_hash = hashText(JSON.stringify(row));
  return { kind: doc.kind, id: doc.id, content_hash, json: JSON.stringify({ ...row, content_hash }) };
}

/** The words of a text that become name terms, each once, in order of appearance. */
function termsOf(text: string): string[] {
  const terms = new Set<string>();
  // Words with digits (codes, editions) are left to the exact-code signal: they would only bloat the term list.
  for (const w of words(text)) if (w.length >= 3 && !/\d/.test(w) && !STOPWORDS.has(w)) terms.add(w);
  return [...terms];
}

/** Name terms of the texts after a record's code: editions of a course and one place's records share them. */
const namedTerms = new Map<string, string[]>();
const NAMED_KEPT = 5_000;

/**
 * The name terms of `names`, which starts with the record's code for every kind but documents.
 * Folding works word by word, so the terms of "code rest" are those of the code, then those of
 * the rest not already there: the rest's are remembered.
 */
function nameTerms(names: string, id: string): string[] {
  if (!names.startsWith(`${id} `)) return termsOf(names);
  const rest = names.slice(id.length + 1);
  let terms = namedTerms.get(rest);
  if (terms === undefined) {
    if (namedTerms.size >= NAMED_KEPT) namedTerms.clear();
    terms = termsOf(rest);
    namedTerms.set(rest, terms);
  }
  const own = termsOf(id);
  return own.length === 0 ? [...terms] : [...new Set([...own, ...terms])];
}

function finish(partial: DocFields, located: (Place | null)[]): SearchRow {
  const terms = nameTerms(partial.names, partial.id);
  const codes = new Set<string>();
  const lats: number[] = [];
  const lons: number[] = [];
  for (const p of located) {
    if (p === null) continue;
    if (p.comune) codes.add(p.comune.code);
    if (p.lat !== undefined && p.lon !== undefined) {
      lats.push(p.lat);
      lons.push(p.lon);
    }
  }
  return toRow(partial, terms, [...codes], lats, lons);
}

export function courseDoc(c: Course, places: Places): SearchRow {
  const place = placeOfSite(places, c.site);
  const site = places.sites.get(c.site);
  return finish(
    {
      kind: 'course',
      id: c.id,
      title: c.title,
      keywords: join(c.keywords, c.topic, LEVEL_WORDS[c.level], MODE_WORDS[c.mode], c.audience.flatMap((a) => AUDIENCE_WORDS[a]), KIND_WORDS.course, c.cost === 0 && 'gratuito gratis free'),
      body: join(c.description, c.audienceNote, c.provider, site?.name, place?.comune?.name, c.prerequisites, c.certificate, c.schedule),
      names: join(c.id, c.title, c.provider, site?.name, place?.comune?.name, c.keywords),
      audience: c.audience,
      level: c.level,
      cost: c.cost ?? null,
      online: c.mode !== 'presence',
      start_date: c.startDate,
      end_date: c.endDate,
      deadline: c.enrolmentDeadline ?? null,
    },
    [place],
  );
}

export function siteDoc(s: Site, places: Places): SearchRow {
  const place: Place = placeOfSite(places, s.id) ?? {};
  return finish(
    {
      kind: 'site',
      id: s.id,
      title: s.name,
      keywords: join(s.keywords, KIND_WORDS[s.kind], s.labs.map((l) => l.name), s.labs.flatMap((l) => l.equipment)),
      body: join(s.description, s.provider, s.address, place.comune?.name, s.hours, s.accessibility, s.directions),
      names: join(s.id, s.name, s.provider, place.comune?.name, s.labs.map((l) => l.name), s.keywords),
      audience: [],
      level: null,
      cost: null,
      online: false,
      start_date: null,
      end_date: null,
      deadline: null,
    },
    [place],
  );
}

/**
 * Languages a service is given in besides Italian and English, as one token each that only a
 * question about who speaks it becomes ("c'è qualcuno che parla punjabi?"): a course about German
 * must not find a desk whose consultant speaks it. English is spoken at too many desks to tell.
 */
function spokenBesides(languages: readonly string[]): string[] {
  return languages.filter((l) => l !== 'it' && l !== 'en').map(spokenToken);
}

export function serviceDoc(s: Service, places: Places): SearchRow {
  const located = s.sites.map((id) => placeOfSite(places, id));
  const siteNames = s.sites.map((id) => places.sites.get(id)?.name);
  return finish(
    {
      kind: 'service',
      id: s.id,
      title: s.title,
      keywords: join(s.keywords, KIND_WORDS[s.category], s.audience.flatMap((a) => AUDIENCE_WORDS[a]), s.documents, spokenBesides(s.languages)),
      body: join(s.description, s.audienceNote, s.howToAccess, s.provider, siteNames.filter(Boolean) as string[], located.map((p) => p?.comune?.name ?? '')),
      names: join(s.id, s.title, s.provider, s.keywords, located.map((p) => p?.comune?.name ?? '')),
      audience: s.audience,
      level: null,
      cost: s.cost,
      online: null,
      start_date: null,
      end_date: null,
      deadline: null,
    },
    located,
  );
}

export function initiativeDoc(i: Initiative, places: Places): SearchRow {
  const place = placeOfSite(places, i.site);
  return finish(
    {
      kind: 'initiative',
      id: i.id,
      title: i.title,
      keywords: join(i.keywords, KIND_WORDS[i.kind], i.sponsors, i.audience.flatMap((a) => AUDIENCE_WORDS[a])),
      body: join(i.description, i.audienceNote, i.organizer, i.site && places.sites.get(i.site)?.name, place?.comune?.name),
      names: join(i.id, i.title, i.organizer, i.sponsors, place?.comune?.name, i.keywords),
      audience: i.audience,
      level: null,
      cost: i.cost,
      online: null,
      start_date: i.startDate,
      end_date: i.endDate ?? null,
      deadline: i.applicationDeadline ?? null,
    },
    [place],
  );
}

export function schoolDoc(s: School, places: Places): SearchRow {
  const comune = places.comuniByCadastral.get(s.cadastralCode);
  const place: Place | null = comune ? { comune, lat: comune.lat, lon: comune.lon } : null;
  const comuneName = comune?.name ?? s.comuneName;
  return finish(
    {
      kind: 'school',
      id: s.id,
      title: s.name,
      keywords: join(s.type, KIND_WORDS.school, s.state ? 'statale' : 'paritaria'),
      body: join(s.address, comuneName, s.institute, s.website, s.email),
      names: join(s.id, s.name, s.type, comuneName),
      audience: ['students'],
      level: null,
      cost: null,
      online: null,
      start_date: null,
      end_date: null,
      deadline: null,
    },
    [place],
  );
}

export function documentDoc(d: DocumentChunk): SearchRow {
  return finish(
    {
      kind: 'doc',
      id: d.id,
      title: d.title,
      keywords: join(d.headings),
      body: d.text,
      names: join(d.title, d.headings),
      audience: [],
      level: null,
      cost: null,
      online: null,
      start_date: null,
      end_date: null,
      deadline: null,
    },
    [],
  );
}

/** The text an embedder sees for a record: the searchable fields, bounded. */
export function embeddingText(doc: Pick<SearchDoc, 'title' | 'keywords' | 'body'>): string {
  return `${doc.title}. ${doc.keywords}. ${doc.body}`.slice(0, 2000);
}

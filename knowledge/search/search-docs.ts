import { contentHash } from '../catalogue/content-hash.js';
import { words } from '../../text/normalize.js';
import { STOPWORDS } from '../../text/stopwords.js';
import type { Comune, Course, DocumentChunk, Initiative, School, Service, Site } from '../model/index.js';
import { AUDIENCE_WORDS, KIND_WORDS, LEVEL_WORDS, MODE_WORDS } from './vocabulary.js';

export type SearchKind = 'course' | 'site' | 'service' | 'initiative' | 'school' | 'doc';
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

/** The non-empty strings among the parts (lists flattened), separated by spaces. A loop: it runs for every field of every search row. */
function join(...parts: (string | undefined | null | false | readonly string[])[]): string {
  let out = '';
  const add = (p: unknown) => {
    if (typeof p === 'string' && p.length > 0) out = out ? `${out} ${p}` : p;
  };
  for (const part of parts) {
    if (Array.isArray(part)) for (const p of part) add(p);
    else add(part);
  }
  return out;
}

// Words with digits (codes, editions) are left to the exact-code signal: they would only bloat the term list.
const NO_DIGIT = /^\D*$/;

function nameTerms(names: string): string[] {
  const terms = new Set<string>();
  for (const w of words(names)) if (w.length >= 3 && NO_DIGIT.test(w) && !STOPWORDS.has(w)) terms.add(w);
  return [...terms];
}

function finish(partial: Omit<SearchDoc, 'content_hash' | 'comune_codes' | 'lats' | 'lons' | 'name_terms'>, located: (Place | null)[]): SearchDoc {
  const comune_codes: string[] = [];
  const lats: number[] = [];
  const lons: number[] = [];
  for (const p of located) {
    if (!p) continue;
    if (p.comune && !comune_codes.includes(p.comune.code)) comune_codes.push(p.comune.code);
    if (p.lat !== undefined && p.lon !== undefined) {
      lats.push(p.lat);
      lons.push(p.lon);
    }
  }
  const doc = { ...partial, name_terms: nameTerms(partial.names), comune_codes, lats, lons, content_hash: '' };
  // The hash is of the row without its own hash (undefined keys are left out of it).
  (doc as { content_hash?: string }).content_hash = undefined;
  doc.content_hash = contentHash(doc);
  return doc;
}

export function courseDoc(c: Course, places: Places): SearchDoc {
  const place = placeOfSite(places, c.site);
  const site = places.sites.get(c.site);
  return finish(
    {
      kind: 'course',
      id: c.id,
      title: c.title,
      keywords: join(c.keywords, c.topic, LEVEL_WORDS[c.level], MODE_WORDS[c.mode], c.audience.flatMap((a) => AUDIENCE_WORDS[a]), KIND_WORDS.course, c.cost === 0 && 'gratuito gratis free'),
      body: join(c.description, c.provider, site?.name, place?.comune?.name, c.prerequisites, c.certificate, c.schedule),
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

export function siteDoc(s: Site, places: Places): SearchDoc {
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

export function serviceDoc(s: Service, places: Places): SearchDoc {
  const located = s.sites.map((id) => placeOfSite(places, id));
  const siteNames = s.sites.map((id) => places.sites.get(id)?.name);
  return finish(
    {
      kind: 'service',
      id: s.id,
      title: s.title,
      keywords: join(s.keywords, KIND_WORDS[s.category], s.audience.flatMap((a) => AUDIENCE_WORDS[a]), s.documents),
      body: join(s.description, s.howToAccess, s.provider, siteNames.filter(Boolean) as string[], located.map((p) => p?.comune?.name ?? '')),
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

export function initiativeDoc(i: Initiative, places: Places): SearchDoc {
  const place = placeOfSite(places, i.site);
  return finish(
    {
      kind: 'initiative',
      id: i.id,
      title: i.title,
      keywords: join(i.keywords, KIND_WORDS[i.kind], i.sponsors, i.audience.flatMap((a) => AUDIENCE_WORDS[a])),
      body: join(i.description, i.organizer, i.site && places.sites.get(i.site)?.name, place?.comune?.name),
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

export function schoolDoc(s: School, places: Places): SearchDoc {
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

export function documentDoc(d: DocumentChunk): SearchDoc {
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

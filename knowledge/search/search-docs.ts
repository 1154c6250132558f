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

const join = (...parts: (string | undefined | null | false | readonly string[])[]) =>
  parts
    .flatMap((p) => (Array.isArray(p) ? p : [p]))
    .filter((p): p is string => typeof p === 'string' && p.length > 0)
    .join(' ');

function finish(partial: Omit<SearchDoc, 'content_hash' | 'comune_codes' | 'lats' | 'lons' | 'name_terms'>, located: (Place | null)[]): SearchDoc {
  const at = located.filter((p): p is Place => p !== null);
  const withCoords = at.filter((p) => p.lat !== undefined && p.lon !== undefined);
  const doc = {
    ...partial,
    // Words with digits (codes, editions) are left to the exact-code signal: they would only bloat the term list.
    name_terms: [...new Set(words(partial.names).filter((w) => w.length >= 3 && !/\d/.test(w) && !STOPWORDS.has(w)))],
    comune_codes: [...new Set(at.flatMap((p) => (p.comune ? [p.comune.code] : [])))],
    lats: withCoords.map((p) => p.lat!),
    lons: withCoords.map((p) => p.lon!),
  };
  return { ...doc, content_hash: contentHash(doc) };
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

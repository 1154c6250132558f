import type { Audience, Level } from '../knowledge/model/index.js';
import type { SearchKind } from '../knowledge/search/search-docs.js';

export type { SearchKind };
export type Signal = 'fts' | 'trigram' | 'vector';

export interface Place {
  code: string;
  name: string;
  lat: number;
  lon: number;
}

/** What narrows a search; understood from the query text, given explicitly, or both. */
export interface SearchFilters {
  kinds?: SearchKind[];
  /** Records in this comune. */
  comune?: Place;
  /** Records within `radiusKm` of this place, nearest first among equals. */
  near?: Place & { radiusKm: number };
  audience?: Audience[];
  level?: Level;
  freeOnly?: boolean;
  online?: boolean;
  /** Starting on or after this date (YYYY-MM-DD)… */
  from?: string;
  /** …and on or before this one. */
  to?: string;
  openForEnrolment?: boolean;
}

export interface SearchRequest {
  text: string;
  limit?: number;
  filters?: SearchFilters;
  /** Read filters out of the text ("gratis", "vicino a Suzzara", "a gennaio"); on by default. */
  understand?: boolean;
  /** Which signals to fuse; all available ones by default (the quality script compares them). */
  signals?: Signal[];
}

export interface SearchHit {
  kind: SearchKind;
  id: string;
  title: string;
  score: number;
  /** What matched: signals and fields, filters, distance. */
  why: string[];
}

export interface SearchResult {
  hits: SearchHit[];
  /** The topical words left once filters were read out of the text, and the filters applied. */
  query: { text: string; filters: SearchFilters };
  /** Set when a comune filter found nothing and nearby places were searched instead. */
  widened?: string;
}

/** Finds catalogue records and passages for a question. */
export interface Retriever {
  search(request: SearchRequest): Promise<SearchResult>;
}

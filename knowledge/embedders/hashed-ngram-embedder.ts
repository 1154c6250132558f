import { STOPWORDS } from '../../text/stopwords.js';
import { words } from '../../text/normalize.js';
import type { Embedder } from './embedder.js';

const FNV_OFFSET = 0x811c9dc5;
/** Words seen recently, with what each adds to a vector; texts of one catalogue share most words. */
const CACHE_LIMIT = 50_000;

/** What one word adds to a vector, in the order it is added (the order keeps sums bit-identical). */
interface WordFeatures {
  buckets: Uint32Array;
  deltas: Float64Array;
}

/**
 * The default embedder: needs no network and no model. Words, word prefixes (a crude stem that
 * puts "saldatura" near "saldatore") and character trigrams (typos) are hashed into a fixed
 * number of signed buckets, then L2-normalised, so cosine similarity measures shared features.
 */
export class HashedNgramEmbedder implements Embedder {
  readonly id: string;
  private readonly cache = new Map<string, WordFeatures>();

  constructor(readonly dimensions = 256) {
    this.id = `hashed-ngrams-v1-${dimensions}`;
  }

  async embed(texts: readonly string[]): Promise<number[][]> {
    return texts.map((t) => this.embedOne(t));
  }

  embedOne(text: string): number[] {
    const v = new Float64Array(this.dimensions);
    for (const w of words(text)) {
      if (STOPWORDS.has(w)) continue;
      const { buckets, deltas } = this.featuresOf(w);
      for (let i = 0; i < buckets.length; i++) v[buckets[i]!]! += deltas[i]!;
    }
    let norm = 0;
    for (const x of v) norm += x * x;
    norm = Math.sqrt(norm) || 1;
    return Array.from(v, (x) => Math.round((x / norm) * 1e6) / 1e6);
  }

  /** The features of a word: `w:word`, `p:` its first 5 characters, `t:` each trigram of `#word#`. */
  private featuresOf(w: string): WordFeatures {
    const cached = this.cache.get(w);
    if (cached) return cached;
    const trigrams = w.length; // `#w#` has w.length + 2 characters, so w.length trigrams
    const count = 1 + (w.length > 5 ? 1 : 0) + trigrams;
    const buckets = new Uint32Array(count);
    const deltas = new Float64Array(count);
    let n = 0;
    const add = (h: number, weight: number) => {
      buckets[n] = h % this.dimensions;
      deltas[n++] = h & 0x80000000 ? -weight : weight;
    };
    add(fnv1a(w, 0, w.length, fnv1a('w:', 0, 2, FNV_OFFSET)), 1);
    if (w.length > 5) add(fnv1a(w, 0, 5, fnv1a('p:', 0, 2, FNV_OFFSET)), 0.8);
    const padded = `#${w}#`;
    const t = fnv1a('t:', 0, 2, FNV_OFFSET);
    for (let i = 0; i + 3 <= padded.length; i++) add(fnv1a(padded, i, i + 3, t), 0.25);
    if (this.cache.size >= CACHE_LIMIT) this.cache.clear();
    const features = { buckets, deltas };
    this.cache.set(w, features);
    return features;
  }
}

/** FNV-1a of `s.slice(from, to)`, continuing from hash state `h` (so prefixes are hashed once). */
function fnv1a(s: string, from: number, to: number, h: number): number {
  for (let i = from; i < to; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

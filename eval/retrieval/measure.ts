import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { z } from 'zod';
import type { Retriever, Signal } from '../../domain/ports.js';

export const QueryCase = z.object({
  q: z.string().min(1),
  expect: z.array(z.string()).min(1),
  lang: z.enum(['it', 'en']),
  note: z.string().optional(),
});
export type QueryCase = z.infer<typeof QueryCase>;

export const QUERIES_FILE = join(dirname(fileURLToPath(import.meta.url)), 'queries.yaml');

export function loadQueries(file = QUERIES_FILE): QueryCase[] {
  return z.array(QueryCase).parse(parse(readFileSync(file, 'utf8')));
}

export interface RetrievalScore {
  signals: string;
  queries: number;
  hitAt1: number;
  hitAt3: number;
  mrr: number;
  misses: { q: string; expect: string[]; got: string[] }[];
}

/** hit@k: an expected id among the first k results; MRR: mean of 1/rank of the first expected id (0 past 10). */
export async function measureRetrieval(retriever: Retriever, cases: QueryCase[], signals?: Signal[]): Promise<RetrievalScore> {
  let hit1 = 0;
  let hit3 = 0;
  let rr = 0;
  const misses: RetrievalScore['misses'] = [];
  for (const c of cases) {
    const { hits } = await retriever.search({ text: c.q, limit: 10, ...(signals ? { signals } : {}) });
    const ids = hits.map((h) => h.id);
    const rank = ids.findIndex((id) => c.expect.includes(id)) + 1;
    if (rank === 1) hit1++;
    if (rank >= 1 && rank <= 3) hit3++;
    else misses.push({ q: c.q, expect: c.expect, got: ids.slice(0, 3) });
    if (rank >= 1) rr += 1 / rank;
  }
  const n = cases.length;
  const round = (x: number) => Math.round(x * 1000) / 1000;
  return { signals: signals?.join('+') ?? 'hybrid', queries: n, hitAt1: round(hit1 / n), hitAt3: round(hit3 / n), mrr: round(rr / n), misses };
}

export const SIGNAL_SETS: (Signal[] | undefined)[] = [undefined, ['fts'], ['trigram'], ['vector']];

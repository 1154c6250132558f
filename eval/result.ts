import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { Citation, OutboundMessage, Reply } from '../domain/message.js';
import { OrientaError } from '../domain/errors.js';
import type { BookingEffect, Expect } from './case-schema.js';
import type { Check } from './expectations.js';
import type { Metrics } from './metrics.js';
import type { Comparison } from './compare.js';
import type { CoverageSummary } from './coverage/generate.js';

/**
 * The result of a run, as written by `--json` and read back by `--baseline`. The shape is a
 * contract (documented in eval/cases/README.md): fields may be added, none renamed or removed
 * without a new `format`.
 */
export const RESULT_FORMAT = 'orienta-eval/1';

export interface TurnResult {
  /** 1-based. */
  turn: number;
  /** The turn as the case wrote it, and what it expected. */
  input: { say?: string; press?: number; action?: string };
  expect?: Expect;
  /** Not sent: an earlier turn of the conversation could not be. */
  skipped?: true;
  /** What reached the engine: the text, or the action (a press resolved to its choice's action). */
  sent: { text?: string; action?: string };
  /** null when the turn could not be sent (a press past the choices offered). */
  reply: Pick<Reply, 'intent' | 'messages' | 'citations'> | null;
  latencyMs: number;
  checks: Check[];
  /** Retrieval on the turn's text, for turns that expect ids retrieved or cited. */
  retrieval?: { ids: string[]; relevant: string[]; k: number; rank: number | null; hit: boolean; rr: number; ndcg: number };
  booking: BookingEffect[];
  /** Facts of the answer that no cited record holds. */
  grounding: string[];
  /** Why the turn could not run or the engine failed. */
  errors: string[];
  judge?: { faithfulness: number; relevance: number; reason?: string } | { error: string };
}

export interface CaseResult {
  id: string;
  file: string;
  line: number;
  description?: string;
  tags: string[];
  user: string;
  now: string;
  passed: boolean;
  /** Every failed check and error, in turn order, as "turn 2: cites: C001 not cited …". */
  failures: string[];
  turns: TurnResult[];
}

export interface EvalResult {
  format: typeof RESULT_FORMAT;
  startedAt: string;
  finishedAt: string;
  /** With --ingest, `rejected` counts the rows the sources had that could not be loaded. */
  store: { kind: 'sample' } | { kind: 'ingest'; paths: string[]; rejected: number };
  /** The clock of cases that set none. */
  now: string;
  files: string[];
  /** What the run was held to: --min-pass, whether it was met. */
  gate: { minPass: number | null; passed: boolean; reasons: string[] };
  /** How long running the cases took, the store's preparation aside. */
  runMs?: number;
  metrics: Metrics;
  /** With --coverage: what was generated from the catalogue, and what could not be asked and why. */
  coverage?: CoverageSummary & { generateMs: number };
  comparison?: Comparison;
  cases: CaseResult[];
}

/** What a baseline must hold for a comparison; anything else in the file is ignored. */
const Baseline = z.object({
  format: z.literal(RESULT_FORMAT, { error: `must be "${RESULT_FORMAT}" (a file written by orienta eval --json)` }),
  startedAt: z.string().optional(),
  metrics: z.object({ passRate: z.number().nullable() }).loose(),
  cases: z.array(z.object({ id: z.string(), passed: z.boolean(), failures: z.array(z.string()).optional() }).loose()),
}).loose();
export type Baseline = z.infer<typeof Baseline>;

export function readBaseline(path: string): Baseline {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new OrientaError('INPUT_INVALID', `--baseline ${path}: cannot read it (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new OrientaError('INPUT_INVALID', `--baseline ${path}: not JSON (${(error as Error).message}); give the file an earlier orienta eval --json wrote`);
  }
  const parsed = Baseline.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new OrientaError('INPUT_INVALID', `--baseline ${path}: ${issue.path.join('.') || 'the file'} ${issue.message}; give the file an earlier orienta eval --json wrote`);
  }
  return parsed.data;
}

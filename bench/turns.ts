// Engine benchmark: turns per second and p50/p95 turn latency in-process without an LLM on the
// sample catalogue, each against the bare search query of the same turn measured in the same run;
// RSS. The data dir is prepared first, then measured in a fresh process. Run: npm run bench:turns
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { prepare } from './search.js';
import { mb, ms } from './stats.js';

const here = dirname(fileURLToPath(import.meta.url));

export async function turnsBenchmark(): Promise<string[]> {
  const dir = await prepare('sample');
  try {
    const out = execFileSync(process.execPath, ['--import', 'tsx', join(here, 'turns-worker.ts'), dir], { encoding: 'utf8' });
    const m = JSON.parse(out.trim().split('\n').at(-1)!) as Record<string, number>;
    return [
      `${m.n} turns (${m.questions} questions x ${m.rounds}, a new conversation each, it/en, plain and rich channels)`,
      `turns per second ${m.perSecond!.toFixed(0).padStart(6)}`,
      `turn p50 ${ms(m.p50!).padStart(7)} ms   bare search ${ms(m.s50!).padStart(7)} ms   ratio ${(m.p50! / m.s50!).toFixed(2)}`,
      `turn p95 ${ms(m.p95!).padStart(7)} ms   bare search ${ms(m.s95!).padStart(7)} ms   ratio ${(m.p95! / m.s95!).toFixed(2)}`,
      `RSS ${mb(m.rss!)} MB`,
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const line of await turnsBenchmark()) console.log(line);
}

// Every benchmark, one after the other, then one table of their figures next to the baselines each
// measured in the same run. Run: npm run bench
import { chatLoadBenchmark } from './chat-load.js';
import { figureTable, type BenchResult, type Figure } from './figures.js';
import { healthBenchmark } from './health.js';
import { ingestBenchmark } from './ingest.js';
import { searchBenchmark } from './search.js';
import { soakBenchmark } from './soak.js';
import { socketIngestBenchmark } from './socket-ingest.js';
import { turnsBenchmark } from './turns.js';

const benchmarks: [string, () => Promise<BenchResult>][] = [
  ['search (npm run bench:search)', searchBenchmark],
  ['ingest (npm run bench:ingest)', ingestBenchmark],
  ['conversation turns (npm run bench:turns)', turnsBenchmark],
  ['web chat API under load (npm run bench:chat)', chatLoadBenchmark],
  ['liveness under chat load (npm run bench:health)', healthBenchmark],
  ['chat during an ingest through the running server (npm run bench:socket-ingest)', socketIngestBenchmark],
  [`soak, ${process.env.SOAK_MINUTES ?? 10} min (npm run bench:soak)`, soakBenchmark],
];

const figures: Figure[] = [];
for (const [title, run] of benchmarks) {
  console.log(`\n== ${title}`);
  const result = await run();
  for (const line of result.lines) console.log(line);
  figures.push(...result.figures);
}
console.log('\n== all figures');
for (const line of figureTable(figures)) console.log(line);

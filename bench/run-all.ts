// Every benchmark, one after the other, printed as one report. Run: npm run bench
import { ingestBenchmark } from './ingest.js';
import { searchBenchmark } from './search.js';
import { turnsBenchmark } from './turns.js';
import { chatLoadBenchmark } from './chat-load.js';

console.log('== search (npm run bench:search)');
for (const line of await searchBenchmark()) console.log(line);
console.log('\n== ingest (npm run bench:ingest)');
for (const line of await ingestBenchmark()) console.log(line);
console.log('\n== conversation turns (npm run bench:turns)');
for (const line of await turnsBenchmark()) console.log(line);
console.log('\n== web chat API under load (npm run bench:chat)');
for (const line of await chatLoadBenchmark()) console.log(line);

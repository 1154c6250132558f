// Prints retrieval quality on the sample catalogue: hybrid against each single signal.
// Run: npm run eval:retrieval [-- --misses]
import { openSampleStore } from '../../test/support/sample-store.js';
import { loadQueries, measureRetrieval, SIGNAL_SETS } from './measure.js';

const showMisses = process.argv.includes('--misses');
const { db, retriever } = await openSampleStore();
const cases = loadQueries();
console.log(`retrieval quality on the sample catalogue: ${cases.length} queries (${cases.filter((c) => c.lang === 'it').length} it, ${cases.filter((c) => c.lang === 'en').length} en)`);
console.log('signals        hit@1   hit@3   MRR');
for (const signals of SIGNAL_SETS) {
  const s = await measureRetrieval(retriever, cases, signals);
  console.log(`${s.signals.padEnd(14)} ${s.hitAt1.toFixed(3)}   ${s.hitAt3.toFixed(3)}   ${s.mrr.toFixed(3)}`);
  if (showMisses && !signals) for (const m of s.misses) console.log(`   miss: "${m.q}" expected ${m.expect.join('|')} got ${m.got.join(', ')}`);
}
await db.close();

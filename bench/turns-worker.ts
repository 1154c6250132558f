// Measures conversation turns on a prepared data dir in a fresh process, so RSS is what a server sees.
// Usage: tsx bench/turns-worker.ts <data-dir | postgres-url>   (prints one JSON line)
import { join } from 'node:path';
import { PLAIN_TEXT, RICH } from '../domain/message.js';
import { migrate } from '../knowledge/db/migrate.js';
import { PgDatabase } from '../knowledge/db/pg-database.js';
import { PgliteDatabase } from '../knowledge/db/pglite-database.js';
import { enableVector } from '../knowledge/db/vector.js';
import { engineOver } from '../test/support/sample-engine.js';
import { sampleRetriever } from '../test/support/sample-store.js';
import { percentile, timeEach } from './stats.js';

export const TURNS = [
  'corsi di stampa 3D a Viadana?', 'quando inizia il corso di robotica educativa?', 'come faccio la DID?', 'corso per il muletto',
  'corsi gratis online per stranieri', 'dove si trova il centro per l impiego di Suzzara?', 'orari del fablab viadana', 'C001',
  'ho fatto il corso base di coding, e adesso?', 'bandi per idee di giovani', 'hackathon', 'corsi di italiano a Mantova',
  'welding course', 'how do I register as unemployed?', 'free coding course for beginners', 'corso di saldatira',
  'corsi per docenti sull intelligenza artificiale', 'voglio aprire una partita iva', 'che tempo fa domani?', 'ciao',
  'corsi a gennaio vicino a Ostiglia', 'tirocini in azienda', 'licenza media per adulti', 'corso di cucina',
];
const ROUNDS = 8;

const target = process.argv[2]!;
// A data dir (the embedded store) or a PostgreSQL URL (a server, as in production).
const db = target.startsWith('postgres') ? await PgDatabase.open({ connectionString: target }) : await PgliteDatabase.open({ dataDir: join(target, 'pglite') });
await migrate(db);
const vector = await enableVector(db);
const engine = await engineOver(db, vector);
const retriever = await sampleRetriever(db, vector);
// Warm both paths once so neither pays for first-query planning in the figures.
for (const text of TURNS) {
  await engine.handle({ userId: 'warm', channel: 'bench', capabilities: RICH, text });
  await retriever.search({ text, limit: 10 });
}
const items = Array.from({ length: ROUNDS }, (_, r) => TURNS.map((text, i) => ({ text, user: `bench:${r}:${i}`, caps: i % 2 ? RICH : PLAIN_TEXT }))).flat();
const started = performance.now();
const turns = await timeEach(items, (t) => engine.handle({ userId: t.user, channel: 'bench', capabilities: t.caps, text: t.text }));
const seconds = (performance.now() - started) / 1000;
const searches = await timeEach(items, (t) => retriever.search({ text: t.text, limit: 10 }));
const rss = process.memoryUsage().rss;
await db.close();
console.log(JSON.stringify({ n: items.length, questions: TURNS.length, rounds: ROUNDS, perSecond: items.length / seconds, p50: percentile(turns, 50), p95: percentile(turns, 95), s50: percentile(searches, 50), s95: percentile(searches, 95), rss }));

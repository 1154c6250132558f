import type { Command } from 'commander';
import type { SearchKind, Signal } from '../../../domain/ports.js';
import { SEARCH_KINDS } from '../../../knowledge/search/search-docs.js';
import { MAX_QUERY_CHARS } from '../../../knowledge/search/pg-retriever.js';
import { withOrienta, type GlobalOptions, type Io } from '../context.js';
import { UsageError } from '../errors.js';

const SIGNALS: Signal[] = ['fts', 'trigram', 'vector'];

export function registerSearch(program: Command, io: Io): void {
  program
    .command('search')
    .description('search the catalogue: courses, sites, services, initiatives, schools, documents')
    .argument('<query>', 'what to look for, e.g. "corsi di stampa 3d a Viadana"')
    .option('--limit <n>', 'how many results (1-100)', '10')
    .option('--kind <kind>', `only one kind: ${SEARCH_KINDS.join('|')}`)
    .option('--signals <list>', `signals to fuse, comma-separated: ${SIGNALS.join(',')}`)
    .option('--json', 'print [{kind, id, title, score, why}] as JSON')
    .action(async (query: string, opts: { limit: string; kind?: string; signals?: string; json?: boolean }, cmd: Command) => {
      const text = query.trim();
      if (text === '') throw new UsageError('the query is empty: write what you are looking for, e.g. orienta search "stampa 3d"');
      if (text.length > MAX_QUERY_CHARS) throw new UsageError(`the query is ${text.length} characters long; the limit is ${MAX_QUERY_CHARS}`);
      const limit = Number(opts.limit);
      if (!Number.isInteger(limit) || limit < 1 || limit > 100) throw new UsageError(`--limit must be a whole number from 1 to 100, not "${opts.limit}"`);
      if (opts.kind && !SEARCH_KINDS.includes(opts.kind as SearchKind)) {
        throw new UsageError(`unknown --kind "${opts.kind}": use one of ${SEARCH_KINDS.join(', ')}`);
      }
      const signals = opts.signals?.split(',').map((s) => s.trim()) as Signal[] | undefined;
      const unknown = signals?.find((s) => !SIGNALS.includes(s));
      if (unknown !== undefined) throw new UsageError(`unknown signal "${unknown}" in --signals: use ${SIGNALS.join(', ')}`);

      const globals = cmd.optsWithGlobals() as GlobalOptions;
      await withOrienta(globals, { command: 'search' }, async (o) => {
        const result = await o.retriever.search({
          text,
          limit,
          ...(opts.kind ? { filters: { kinds: [opts.kind as SearchKind] } } : {}),
          ...(signals ? { signals } : {}),
        });
        if (opts.json) {
          io.stdout.write(`${JSON.stringify(result.hits.map(({ kind, id, title, score, why }) => ({ kind, id, title, score, why })))}\n`);
          return;
        }
        if (result.hits.length === 0) {
          io.stdout.write(o.config.ORIENTA_LANG === 'en' ? 'Nothing found. Try other words or fewer filters.\n' : 'Nessun risultato. Prova con altre parole o meno filtri.\n');
          return;
        }
        if (result.widened) io.stdout.write(`(${result.widened})\n`);
        result.hits.forEach((h, i) => {
          io.stdout.write(`${String(i + 1).padStart(2)}. ${h.kind.padEnd(10)} ${h.id.padEnd(11)} ${h.title}\n              score ${h.score} · ${h.why.join('; ')}\n`);
        });
      });
    });
}

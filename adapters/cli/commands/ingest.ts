import type { Command } from 'commander';
import { progressReporter } from '../../../app/progress.js';
import { embedPending } from '../../../knowledge/search/embed-pending.js';
import { ingestPaths, type SourceResult } from '../../../ingest/pipeline.js';
import { formatProblem } from '../../../ingest/problems.js';
import { withOrienta, type GlobalOptions, type Io } from '../context.js';
import { ReportedFailure, UsageError } from '../errors.js';

/** Records per transaction through a running server: a part holds the store for some tens of ms. */
const SHARED_PART = 100;

export function registerIngest(program: Command, io: Io): void {
  program
    .command('ingest')
    .description('load partner exports, registries, Markdown and PDF into the store, one transaction per source (through a running server: in parts)')
    .argument('<paths...>', 'files or directories (e.g. ../shared/data)')
    .option('--dry-run', 'check everything and show what would change, without writing')
    .option('--prune', "remove a source's records that are no longer in it")
    .option('--strict', 'a source with any rejected row is not loaded at all')
    .option('--json', 'print the per-source results as JSON')
    .action(async (paths: string[], opts: { dryRun?: boolean; prune?: boolean; strict?: boolean; json?: boolean }, cmd: Command) => {
      if (paths.length === 0) throw new UsageError('name at least one file or directory to ingest');
      const globals = cmd.optsWithGlobals() as GlobalOptions;
      const failed = await withOrienta(globals, { command: 'ingest', create: true }, async (o) => {
        // Through a running server the store runs one statement at a time for everyone: the load goes
        // in short transactions and keeps its indexes, so people are answered all along.
        const shared = o.store.via === 'running-server';
        const results = await ingestPaths(o.store.db, paths, { dryRun: opts.dryRun, prune: opts.prune, strict: opts.strict, ...(shared ? { partSize: SHARED_PART } : {}) });
        const embedded = opts.dryRun ? { embedded: 0 } : await embedPending(o.store.db, o.store.vector, o.embedder, progressReporter('embedding', o.logger), { keepIndex: shared });
        if (opts.json) {
          io.stdout.write(`${JSON.stringify({ dryRun: !!opts.dryRun, sources: results, embedded: embedded.embedded })}\n`);
        } else {
          io.stdout.write(table(results, !!opts.dryRun));
          if (embedded.embedded > 0) io.stdout.write(`embeddings computed for ${embedded.embedded} changed record(s)\n`);
        }
        return results.some((r) => r.status === 'failed');
      });
      if (failed) throw new ReportedFailure(1);
    });
}

function table(results: SourceResult[], dryRun: boolean): string {
  const head = ['source', 'type', 'read', 'created', 'updated', 'unchanged', 'rejected', 'pruned', 'status'];
  const rows = results.map((r) => [r.source, r.type, r.read, r.created, r.updated, r.unchanged, r.rejected, r.pruned, r.status].map(String));
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i < 2 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ').trimEnd();
  const out = [dryRun ? 'dry run: nothing was written; the figures say what would change' : '', line(head), ...rows.map(line)].filter(Boolean);
  for (const r of results) {
    if (r.error) out.push('', `${r.source}: FAILED, ${r.error}`);
    if (r.problems.length > 0) {
      out.push('', `${r.source}: ${r.problems.length} problem(s)`);
      for (const p of r.problems.slice(0, 50)) out.push(`  ${formatProblem(p)}`);
      if (r.problems.length > 50) out.push(`  … and ${r.problems.length - 50} more (use --json for all of them)`);
    }
  }
  return `${out.join('\n')}\n`;
}

import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { Command } from 'commander';
import { reviewContext } from '../../../eval/staff/context.js';
import { draftCases } from '../../../eval/staff/draft-cases.js';
import { draftsYaml } from '../../../eval/staff/draft-yaml.js';
import { parseSince, romeLabel } from '../../../eval/staff/since.js';
import { PgCatalogueReader } from '../../../knowledge/catalogue/pg-catalogue-reader.js';
import { flaggedConversations, handoffsSince } from '../../../knowledge/conversations/staff-review.js';
import { withOrienta, type GlobalOptions, type Io } from '../context.js';
import { UsageError } from '../errors.js';

export const SINCE_HELP = 'only since a date (2026-11-01, midnight in Mantova), a date-time with offset, or a duration back from now (12h, 7d, 2w)';

export function registerFeedback(program: Command, io: Io): void {
  const feedback = program.command('feedback').description('what people said about the answers');
  feedback
    .command('export')
    .description('draft eval cases (YAML) from conversations with negative feedback or a handoff, personal data removed')
    .option('--since <when>', SINCE_HELP)
    .option('--out <file>', 'write the drafts to this file instead of standard output')
    .option('--force', 'overwrite the --out file if it exists')
    .action(async (opts: { since?: string; out?: string; force?: boolean }, cmd: Command) => {
      // Checked before the store opens: a typo should not cost a start-up.
      if (opts.since) parseSince(opts.since, new Date());
      if (opts.out !== undefined && opts.out.trim() === '') throw new UsageError('--out is empty: name the YAML file to write, e.g. --out drafts.yaml');
      if (opts.out && !existsSync(dirname(resolve(opts.out)))) throw new UsageError(`cannot write ${opts.out}: the folder ${dirname(opts.out)} does not exist`);
      if (opts.out && existsSync(opts.out) && !opts.force) throw new UsageError(`${opts.out} already exists: choose another file or add --force to overwrite it (edited drafts in it would be lost)`);
      await withOrienta(cmd.optsWithGlobals() as GlobalOptions, { command: 'feedback' }, async (o) => {
        const db = o.store.db;
        const since = opts.since ? parseSince(opts.since, o.clock.now()) : undefined;
        const ctx = await reviewContext(new PgCatalogueReader(db));
        const cases = draftCases(await flaggedConversations(db, since), await handoffsSince(db, since), { ...(since ? { since } : {}), keep: ctx.keep });
        const lang = o.config.ORIENTA_LANG;
        const yaml = draftsYaml(cases, lang, since ? romeLabel(since) : undefined);
        if (!opts.out) {
          io.stdout.write(yaml);
          return;
        }
        try {
          await writeFile(opts.out, yaml, { flag: opts.force ? 'w' : 'wx' });
        } catch (error) {
          throw new UsageError(`cannot write ${opts.out}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
        }
        const fromFeedback = cases.filter((c) => c.from.includes('feedback')).length;
        const fromHandoff = cases.filter((c) => c.from.includes('handoff')).length;
        io.stderr.write(
          lang === 'en'
            ? `${cases.length} draft case(s) written to ${opts.out}: ${fromFeedback} from negative feedback, ${fromHandoff} from handoffs\n`
            : `${cases.length} bozze di casi scritte in ${opts.out}: ${fromFeedback} da riscontri negativi, ${fromHandoff} da richieste di una persona\n`,
        );
      });
    });
}

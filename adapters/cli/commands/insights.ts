import type { Command } from 'commander';
import { reviewContext } from '../../../eval/staff/context.js';
import { demandEvents } from '../../../eval/staff/demand.js';
import { groupDemand } from '../../../eval/staff/insights.js';
import { insightsTable } from '../../../eval/staff/insights-table.js';
import { parseSince, romeLabel } from '../../../eval/staff/since.js';
import { PgCatalogueReader } from '../../../knowledge/catalogue/pg-catalogue-reader.js';
import { conversationsSince, handoffsSince, waitlistedSince } from '../../../knowledge/conversations/staff-review.js';
import { withOrienta, type GlobalOptions, type Io } from '../context.js';
import { SINCE_HELP } from './feedback.js';

export function registerInsights(program: Command, io: Io): void {
  program
    .command('insights')
    .description('what people asked and did not get, by topic and comune: no good answer, answers judged wrong, requests for a person, full courses')
    .option('--since <when>', SINCE_HELP)
    .option('--json', 'print {since, totals, groups} as JSON')
    .action(async (opts: { since?: string; json?: boolean }, cmd: Command) => {
      if (opts.since) parseSince(opts.since, new Date());
      await withOrienta(cmd.optsWithGlobals() as GlobalOptions, { command: 'insights' }, async (o) => {
        const db = o.store.db;
        const since = opts.since ? parseSince(opts.since, o.clock.now()) : undefined;
        const ctx = await reviewContext(new PgCatalogueReader(db));
        const events = await demandEvents(
          { conversations: await conversationsSince(db, since), handoffs: await handoffsSince(db, since), waitlisted: await waitlistedSince(db, since), ...(since ? { since } : {}) },
          ctx,
        );
        const insights = groupDemand(events, since);
        io.stdout.write(opts.json ? `${JSON.stringify(insights)}\n` : insightsTable(insights, o.config.ORIENTA_LANG, since ? romeLabel(since) : null));
      });
    });
}

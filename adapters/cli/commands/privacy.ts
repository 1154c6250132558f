import { createInterface } from 'node:readline/promises';
import type { Command } from 'commander';
import { withOrienta, type GlobalOptions, type Io } from '../context.js';
import { ReportedFailure, UsageError } from '../errors.js';

const userOf = (value: string): string => {
  const id = value.trim();
  if (!/^[^\s]{1,200}$/.test(id)) throw new UsageError(`--user must be a user id such as telegram:123456789 or web:… (from the chat's data download), not "${value}"`);
  return id;
};

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

export function registerPrivacy(program: Command, io: Io): void {
  const privacy = program.command('privacy').description("a person's data (export, erasure) and the retention purge");

  privacy
    .command('export')
    .description('print as JSON everything held about a person: conversations with their turns, handoffs, channel addresses, bookings')
    .requiredOption('--user <id>', 'the user id, e.g. telegram:123456789 (the chat download shows it)')
    .action(async (opts: { user: string }, cmd: Command) => {
      const userId = userOf(opts.user);
      await withOrienta(cmd.optsWithGlobals() as GlobalOptions, { command: 'privacy export' }, async (o) => {
        io.stdout.write(`${JSON.stringify(await o.privacy.export(userId), null, 2)}\n`);
      });
    });

  privacy
    .command('erase')
    .description("erase a person's data everywhere; their bookings keep only their anonymised seats, so slot counts stay right")
    .requiredOption('--user <id>', 'the user id, e.g. telegram:123456789')
    .option('--yes', 'do it without asking (scripts); without it a terminal asks, anything else refuses')
    .option('--json', 'print what was erased as JSON')
    .action(async (opts: { user: string; yes?: boolean; json?: boolean }, cmd: Command) => {
      const userId = userOf(opts.user);
      await withOrienta(cmd.optsWithGlobals() as GlobalOptions, { command: 'privacy erase' }, async (o) => {
        const held = await o.privacy.export(userId);
        const summary = `${plural(held.conversations.length, 'conversation', 'conversations')}, ${plural(held.handoffs.length, 'handoff', 'handoffs')}, ${plural(held.bookings.length, 'booking', 'bookings')}, ${plural(held.addresses.length, 'channel address', 'channel addresses')}`;
        if (!opts.yes) {
          const stdin = (io.stdin ?? process.stdin) as NodeJS.ReadStream;
          if (!stdin.isTTY) {
            io.stderr.write(`orienta: ${userId} has ${summary}. Nothing was erased: add --yes to erase it.\n`);
            throw new ReportedFailure(2);
          }
          const rl = createInterface({ input: stdin, output: io.stderr });
          const answer = await rl.question(`Erase ${summary} of ${userId}? This cannot be undone. [y/N] `);
          rl.close();
          if (!/^(y|yes|s|si|sì)$/i.test(answer.trim())) {
            io.stderr.write('Nothing was erased.\n');
            return;
          }
        }
        const done = await o.privacy.erase(userId);
        if (opts.json) io.stdout.write(`${JSON.stringify({ userId, ...done })}\n`);
        else io.stdout.write(`Erased ${userId}: ${plural(done.conversations, 'conversation', 'conversations')}, ${plural(done.handoffs, 'handoff', 'handoffs')}; ${plural(done.bookings, 'booking', 'bookings')} anonymised (seats kept).\n`);
      });
    });

  privacy
    .command('purge')
    .description('remove now what is past its retention (RETENTION_* settings); orienta serve also does it every PURGE_INTERVAL_MINUTES')
    .option('--json', 'print the counts as JSON')
    .action(async (opts: { json?: boolean }, cmd: Command) => {
      await withOrienta(cmd.optsWithGlobals() as GlobalOptions, { command: 'privacy purge' }, async (o) => {
        const removed = await o.privacy.purge();
        if (opts.json) {
          io.stdout.write(`${JSON.stringify({ retention: o.privacy.policy, removed })}\n`);
          return;
        }
        const p = o.privacy.policy;
        io.stdout.write(
          `Retention: conversations ${p.conversationDays} days, bookings ${p.bookingDays} days after their slot, deliveries ${p.deliveryDays} days.\n` +
            `Removed ${plural(removed.turns, 'turn', 'turns')}, ${plural(removed.conversations, 'conversation', 'conversations')}, ${plural(removed.handoffs, 'handoff', 'handoffs')}, ` +
            `${plural(removed.addresses, 'channel address', 'channel addresses')}, ${plural(removed.deliveries, 'delivery id', 'delivery ids')}; ${plural(removed.bookings, 'booking', 'bookings')} anonymised.\n`,
        );
      });
    });
}

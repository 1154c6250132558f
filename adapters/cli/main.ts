import { Command, CommanderError } from 'commander';
import { registerBookings, registerSlots } from './commands/bookings.js';
import { registerChat } from './commands/chat.js';
import { registerConfig } from './commands/config.js';
import { registerEval } from './commands/eval.js';
import { registerFeedback } from './commands/feedback.js';
import { registerIngest } from './commands/ingest.js';
import { registerPrivacy } from './commands/privacy.js';
import { registerInsights } from './commands/insights.js';
import { registerSearch } from './commands/search.js';
import { registerServe } from './commands/serve.js';
import { registerTeamsManifest } from './commands/teams-manifest.js';
import type { Io } from './context.js';
import { reportError } from './errors.js';

export function buildProgram(io: Io): Command {
  const program = new Command('orienta')
    .description('Orienta, the orientation assistant of the LTO Mantova network')
    .option('--data-dir <dir>', 'embedded store directory (default: ORIENTA_DATA_DIR or ./data)')
    .option('--now <iso>', 'fixed clock for reproducible answers, e.g. 2026-11-25T10:00:00+01:00 (or ORIENTA_NOW)')
    .option('--lang <lang>', 'answer language: it or en (or ORIENTA_LANG)')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) });
  registerServe(program);
  registerSearch(program, io);
  registerIngest(program, io);
  registerChat(program, io);
  registerSlots(program, io);
  registerBookings(program, io);
  registerConfig(program, io);
  registerFeedback(program, io);
  registerInsights(program, io);
  registerPrivacy(program, io);
  registerEval(program, io);
  registerTeamsManifest(program, io);
  for (const cmd of program.commands) cmd.exitOverride().configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) });
  return program;
}

/** Runs the CLI and returns the exit code; errors become one line on stderr. */
export async function main(argv: string[], io: Io = { stdout: process.stdout, stderr: process.stderr }): Promise<number> {
  const program = buildProgram(io);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version are successes; commander already printed the usage problem.
      return error.exitCode === 0 ? 0 : 2;
    }
    return reportError(error, io.stderr);
  }
}

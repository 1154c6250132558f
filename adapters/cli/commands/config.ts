import type { Command } from 'commander';
import { configTable } from '../../../app/config-docs.js';
import { describeIssue, effectiveSettings } from '../../../app/config-report.js';
import { checkConfig } from '../../../app/config.js';
import type { GlobalOptions, Io } from '../context.js';
import { ReportedFailure } from '../errors.js';

export function registerConfig(program: Command, io: Io): void {
  const config = program.command('config').description('the configuration: check it, or print its documentation');

  config
    .command('check')
    .description('print the configuration in force (secrets masked); exit 2 naming each invalid variable and its fix')
    .option('--json', 'print the settings as JSON')
    .action((opts: { json?: boolean }, cmd: Command) => {
      const globals = cmd.optsWithGlobals() as GlobalOptions;
      const checked = checkConfig(process.env, {
        ...(globals.dataDir ? { ORIENTA_DATA_DIR: globals.dataDir } : {}),
        ...(globals.now ? { ORIENTA_NOW: globals.now } : {}),
        ...(globals.lang ? { ORIENTA_LANG: globals.lang } : {}),
      });
      if (!checked.ok) {
        io.stderr.write(`orienta: the configuration is invalid (${checked.issues.length} problem${checked.issues.length === 1 ? '' : 's'}):\n`);
        for (const issue of checked.issues) io.stderr.write(`  ${describeIssue(issue, checked.given)}\n`);
        throw new ReportedFailure(2);
      }
      const settings = effectiveSettings(checked);
      if (opts.json) {
        io.stdout.write(`${JSON.stringify({ ok: true, settings })}\n`);
        return;
      }
      const fromEnv = settings.filter((s) => s.source === 'environment').length;
      const width = Math.max(...settings.map((s) => s.variable.length)) + 2;
      const valueWidth = Math.min(60, Math.max(...settings.map((s) => s.value.length)) + 2);
      io.stdout.write(`Configuration OK: ${settings.length} settings, ${fromEnv} from the environment.\n`);
      for (const s of settings) io.stdout.write(`${s.variable.padEnd(width)}${(s.value || '—').padEnd(valueWidth)}${s.source}\n`);
    });

  config
    .command('docs')
    .description("print the configuration table of docs/configuration.md (name, default, example, what for) from the schema")
    .action(() => {
      io.stdout.write(`${configTable()}\n`);
    });
}

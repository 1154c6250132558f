import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Command } from 'commander';
import { createLogger } from '../../../app/logger.js';
import { SAMPLE_CASES } from '../../../eval/cases.js';
import { OpenAiJudge } from '../../../eval/judge.js';
import { progressBar } from '../../../eval/progress.js';
import { reportHtml } from '../../../eval/report-html.js';
import { seconds, summaryText } from '../../../eval/report-text.js';
import { runEval } from '../../../eval/run-eval.js';
import { configFrom, type GlobalOptions, type Io } from '../context.js';
import { ReportedFailure, UsageError } from '../errors.js';

interface EvalOpts {
  ingest?: string[];
  report?: string;
  json?: string;
  baseline?: string;
  minPass?: string;
  llmJudge?: boolean;
  coverage?: boolean;
}

export function registerEval(program: Command, io: Io): void {
  program
    .command('eval')
    .description('run the eval cases through the real engine on a store of its own; exit 1 below --min-pass or on a regression')
    .argument('[files...]', 'case files or directories (default: eval/cases/sample, or none with --coverage)')
    .option('--ingest <paths...>', 'load exactly these files or directories instead of the sample catalogue (put it after the case files)')
    .option('--report <file>', 'write the HTML report (one self-contained file)')
    .option('--json <file>', 'write the result as JSON (usable later as --baseline)')
    .option('--baseline <file>', 'an earlier --json result: regressions fail the run')
    .option('--min-pass <ratio>', 'the share of cases that must pass, from 0 to 1 (e.g. 0.9)')
    .option('--llm-judge', 'also rate faithfulness and relevance (1-5) with the LLM_* model')
    .option('--coverage', 'also ask questions generated from the loaded catalogue: every field of every record in three phrasings, follow-ups, topics it lacks')
    .addHelpText(
      'after',
      '\nThe store is a fresh in-memory one: the data dir and DATABASE_URL are never touched.\nClock: a case\'s own `now`, else --now, else 2026-11-25T10:00:00+01:00.\n' +
        '--coverage alone runs only the generated questions (on the sample catalogue or the --ingest paths); with case files, both.\n' +
        '  orienta eval --coverage --ingest ../shared/data --report coverage.html\n' +
        'Exit codes: 0 ok, 1 below --min-pass or a regression against --baseline, 2 misuse (a bad case file, option or baseline).',
    )
    .action(async (files: string[], opts: EvalOpts, cmd: Command) => {
      const globals = cmd.optsWithGlobals() as GlobalOptions;
      const minPass = parseMinPass(opts.minPass);
      const config = configFrom(globals);
      const judge = opts.llmJudge ? OpenAiJudge.fromConfig(config) : undefined;
      const stderr = io.stderr as NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
      let tick: ReturnType<typeof progressBar> | undefined;
      const store = opts.ingest ? `ingesting ${opts.ingest.join(' ')}` : 'sample catalogue';
      const started = performance.now();
      const result = await runEval({
        config,
        paths: files.length ? files : opts.coverage ? [] : [SAMPLE_CASES],
        ...(opts.coverage ? { coverage: true } : {}),
        ...(opts.ingest ? { ingest: opts.ingest } : {}),
        ...(config.ORIENTA_NOW ? { now: config.ORIENTA_NOW } : {}),
        ...(minPass !== undefined ? { minPass } : {}),
        ...(opts.baseline ? { baseline: opts.baseline } : {}),
        ...(judge ? { judge } : {}),
        // Engine errors are in the report; the log only when asked for (LOG_LEVEL).
        ...(process.env.LOG_LEVEL ? { logger: createLogger(config.LOG_LEVEL) } : {}),
        onStart: (total) => {
          const what = opts.coverage ? (total ? `${total} cases and the coverage questions` : 'the coverage questions') : `${total} cases`;
          stderr.write(`eval: ${what}; preparing the store (${store})\n`);
        },
        onGenerated: (summary, ms) => {
          const records = Object.entries(summary.records).map(([kind, n]) => `${n} ${kind}${n === 1 ? '' : 's'}`).join(', ');
          stderr.write(`eval: ${summary.cases} coverage questions generated from ${records || 'an empty catalogue'} in ${ms} ms\n`);
        },
        onRun: (total) => {
          tick = progressBar(stderr, total);
        },
        onCase: (done, _total, id, passed) => tick?.(done, id, passed),
      });
      stderr.write(`eval: ${result.metrics.cases} cases run in ${seconds(result.runMs ?? 0)} (${seconds(performance.now() - started)} with the store's preparation)\n`);
      if (opts.json) write(opts.json, `${JSON.stringify(result, null, 2)}\n`);
      if (opts.report) write(opts.report, reportHtml(result));
      io.stdout.write(summaryText(result, { ...(opts.report ? { report: opts.report } : {}), ...(opts.json ? { json: opts.json } : {}) }));
      const judged = result.metrics.judge;
      if (judged && judged.turns === 0 && judged.errors > 0) {
        const first = result.cases.flatMap((c) => c.turns).find((t) => t.judge && 'error' in t.judge)?.judge as { error: string };
        stderr.write(`orienta: the LLM judge failed on every turn: ${first.error}\n`);
        throw new ReportedFailure(1);
      }
      if (!result.gate.passed) throw new ReportedFailure(1);
    });
}

function parseMinPass(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const percent = /^\s*(\d+(?:\.\d+)?)\s*%\s*$/.exec(value);
  const n = percent ? Number(percent[1]) / 100 : /^\s*\d*\.?\d+\s*$/.test(value) ? Number(value) : NaN;
  if (!Number.isFinite(n) || n < 0 || n > 1) throw new UsageError(`--min-pass must be the share of cases that must pass, from 0 to 1 (such as 0.9 or 90%), not "${value}"`);
  return n;
}

function write(path: string, content: string): void {
  try {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, content);
  } catch (error) {
    throw new UsageError(`cannot write ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}

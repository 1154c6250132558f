import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { cruise, type ICruiseOptions, type ICruiseResult, type IViolation } from 'dependency-cruiser';
import extractDepcruiseOptions from 'dependency-cruiser/config-utl/extract-depcruise-options';
import extractTSConfig from 'dependency-cruiser/config-utl/extract-ts-config';
import { afterAll, expect, it } from 'vitest';
import { ROOT } from '../support/cli.js';

// The rules live in .dependency-cruiser.cjs so `npx depcruise <folders> --config .dependency-cruiser.cjs`
// prints the same violations, with the graph, when this test fails.

const FOLDERS = ['adapters', 'app', 'bench', 'bin', 'bot', 'domain', 'eval', 'ingest', 'knowledge', 'text', 'time', 'test'];

async function check(baseDir: string, folders: string[]): Promise<ICruiseResult> {
  const options: ICruiseOptions = await extractDepcruiseOptions(join(ROOT, '.dependency-cruiser.cjs'));
  const tsConfigFile = join(baseDir, 'tsconfig.json');
  const { output } = await cruise(folders, { ...options, baseDir, tsConfig: { fileName: tsConfigFile } }, {}, { tsConfig: extractTSConfig(tsConfigFile) });
  if (typeof output === 'string') throw new Error(output);
  return output;
}

function line(v: IViolation): string {
  const through = v.cycle?.length ? ` (${v.cycle.map((c) => c.name).join(' -> ')})` : '';
  return `${v.rule.name}: ${v.from} -> ${v.to}${through}`;
}

it('imports point one way: the project breaks none of the rules of .dependency-cruiser.cjs', async () => {
  const result = await check(ROOT, FOLDERS);
  // A resolver that followed nothing would find nothing wrong either.
  expect(result.summary.totalCruised).toBeGreaterThan(400);
  expect(result.summary.totalDependenciesCruised).toBeGreaterThan(1500);
  expect(result.summary.violations.map(line)).toEqual([]);
});

const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

function project(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'orienta-deps-'));
  made.push(dir);
  const all: Record<string, string> = {
    'tsconfig.json': JSON.stringify({ compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext', strict: true } }),
    'node_modules/openai/package.json': JSON.stringify({ name: 'openai', version: '1.0.0', main: 'index.js' }),
    'node_modules/openai/index.js': 'module.exports = {};\n',
    'node_modules/zod/package.json': JSON.stringify({ name: 'zod', version: '1.0.0', main: 'index.js' }),
    'node_modules/zod/index.js': 'module.exports = {};\n',
    ...files,
  };
  for (const [path, text] of Object.entries(all)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

const imports = (...specifiers: string[]) => specifiers.map((s) => `import '${s}';\n`).join('') + 'export {};\n';

it('each rule rejects the import it is about, and lets through what it allows', async () => {
  const dir = project({
    'domain/ports.ts': imports('../text/words.js'),
    'domain/model.ts': imports('zod', 'openai'),
    'text/words.ts': imports('../time/dates.js'),
    'time/dates.ts': imports('../knowledge/db/connect.js'),
    'bot/engine.ts': imports('../adapters/telegram/bot.js', '../domain/ports.js'),
    'bot/flows/search.ts': imports('openai', '../../knowledge/search/vocabulary.js'),
    'bot/llm/openai-language-model.ts': imports('openai'),
    'bot/answer.ts': imports('../knowledge/db/connect.js'),
    'bot/engine.test.ts': imports('./engine.js', '../adapters/telegram/bot.js', '../knowledge/db/connect.js', 'openai'),
    'knowledge/db/connect.ts': imports('../../domain/model.js'),
    'knowledge/search/vocabulary.ts': imports(),
    'knowledge/catalogue/reader.ts': imports('../../bot/flows/search.js'),
    'ingest/pipeline.ts': imports('../bot/answer.js', '../knowledge/db/connect.js'),
    'adapters/telegram/bot.ts': imports('../../domain/ports.js', '../../knowledge/db/connect.js'),
    'adapters/web/a.ts': imports('./b.js', './missing.js'),
    'adapters/web/b.ts': imports('./a.js', '../../eval/run.js'),
    'adapters/cli/eval.ts': imports('../../eval/run.js', '../../app/main.js'),
    'eval/run.ts': imports('../test/support/store.js'),
    'app/main.ts': imports('../adapters/telegram/bot.js', '../bot/engine.js', '../knowledge/db/connect.js', '../test/support/store.js'),
    'test/support/store.ts': imports('../../knowledge/db/connect.js'),
  });
  const result = await check(dir, ['domain', 'text', 'time', 'bot', 'knowledge', 'ingest', 'adapters', 'eval', 'app', 'test']);
  const found = result.summary.violations.map(line).sort();
  expect(found).toEqual(
    [
      'domain-is-neutral: domain/ports.ts -> text/words.ts',
      'domain-has-no-sdk: domain/model.ts -> node_modules/openai/index.js',
      'helpers-are-leaves: time/dates.ts -> knowledge/db/connect.ts',
      'core-imports-no-outer-layer: bot/engine.ts -> adapters/telegram/bot.ts',
      'only-roots-import-adapters: bot/engine.ts -> adapters/telegram/bot.ts',
      'core-imports-no-sdk: bot/flows/search.ts -> node_modules/openai/index.js',
      'core-imports-no-store: bot/answer.ts -> knowledge/db/connect.ts',
      'store-imports-no-core: knowledge/catalogue/reader.ts -> bot/flows/search.ts',
      'ingest-imports-no-core: ingest/pipeline.ts -> bot/answer.ts',
      // A cycle is reported once, from the module the cruise met first.
      'no-circular: adapters/web/a.ts -> adapters/web/b.ts (adapters/web/b.ts -> adapters/web/a.ts)',
      'resolvable: adapters/web/a.ts -> ./missing.js',
      'only-roots-import-eval: adapters/web/b.ts -> eval/run.ts',
      'adapters-get-ports: adapters/telegram/bot.ts -> knowledge/db/connect.ts',
      'production-imports-no-test: app/main.ts -> test/support/store.ts',
    ].sort(),
  );
  // A rule added without a case here is a rule nobody has seen fail.
  const rules = (result.summary.ruleSetUsed?.forbidden ?? []).map((r) => r.name);
  expect(new Set(found.map((f) => f.split(':')[0]))).toEqual(new Set(rules));
});

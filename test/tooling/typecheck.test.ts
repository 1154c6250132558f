import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { expect, it } from 'vitest';
import { ROOT } from '../support/cli.js';

// vitest strips types without checking them: a test file tsc does not see could call an API that
// no longer exists and still be collected. `npm test` runs tsc first, over the files tsconfig names.

const SKIP = new Set(['node_modules', 'scratch', 'data', '.git']);

function testFiles(dir: string, out: string[] = []): string[] {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) {
      if (!SKIP.has(entry.name) && !entry.name.startsWith('.')) testFiles(join(dir, entry.name), out);
    } else if (entry.name.endsWith('.test.ts')) out.push(relative(ROOT, join(dir, entry.name)));
  }
  return out;
}

it('npm test type-checks first, and tsconfig covers every test file and test support file', () => {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
  expect(pkg.scripts.test).toMatch(/^tsc --noEmit && vitest run\b/);
  const config = ts.readConfigFile(join(ROOT, 'tsconfig.json'), (path) => ts.sys.readFile(path));
  const checked = new Set(ts.parseJsonConfigFileContent(config.config, ts.sys, ROOT).fileNames.map((f) => relative(ROOT, f)));
  const tests = testFiles(ROOT);
  expect(tests.length).toBeGreaterThan(50);
  expect(tests.filter((f) => !checked.has(f))).toEqual([]);
  const support = readdirSync(join(ROOT, 'test', 'support')).filter((f) => f.endsWith('.ts')).map((f) => join('test', 'support', f));
  expect(support.filter((f) => !checked.has(f))).toEqual([]);
});

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { configTable, SETTINGS } from './config-docs.js';
import { describeIssue, effectiveSettings, MASK, masked } from './config-report.js';
import { checkConfig, CONFIG_KEYS } from './config.js';

const PAGE = readFileSync(join(import.meta.dirname, '..', 'docs', 'configuration.md'), 'utf8');

describe('the configuration table in docs/configuration.md', () => {
  it('has one row per setting of the schema, with its default and an example', () => {
    const rows = new Map(
      PAGE.split('\n')
        .filter((l) => /^\| `[A-Z0-9_]+` \|/.test(l))
        .map((l) => [l.match(/^\| `([A-Z0-9_]+)`/)![1]!, l]),
    );
    const missing = CONFIG_KEYS.filter((k) => !rows.has(k));
    expect(missing, `not in the configuration table of docs/configuration.md (run \`npx orienta config docs\` and paste its output): ${missing.join(', ')}`).toEqual([]);
    const generated = configTable().split('\n').slice(2);
    for (const line of generated) {
      const key = line.match(/^\| `([A-Z0-9_]+)`/)![1]!;
      expect(rows.get(key), `the row of ${key} in docs/configuration.md differs from the schema (run \`npx orienta config docs\`)`).toBe(line);
    }
    const unknown = [...rows.keys()].filter((k) => !(CONFIG_KEYS as string[]).includes(k));
    expect(unknown, 'rows of docs/configuration.md for settings the schema does not have').toEqual([]);
    // Whole, in the schema's order: the page shows the command's output as it is.
    expect(PAGE, 'docs/configuration.md does not hold the table as `npx orienta config docs` prints it').toContain(configTable());
  });

  it('documents every setting with what it is for and an example that passes', () => {
    for (const key of CONFIG_KEYS) {
      expect(SETTINGS[key].what.length, key).toBeGreaterThan(10);
      expect(SETTINGS[key].example, key).not.toBe('');
    }
    expect(configTable()).toContain('| `RETENTION_CONVERSATION_DAYS` | `180` |');
    expect(configTable()).toContain('| `DATABASE_URL` | — |');
  });
});

describe('the effective configuration', () => {
  const env = {
    DATABASE_URL: 'postgres://orienta:s3cr3t-pw@db.internal:5432/orienta?sslpassword=k3y',
    TELEGRAM_BOT_TOKEN: '123456789:AAEabcdefghijklmnopqrstuvwxyz',
    SLACK_BOT_TOKEN: 'xoxb-1234-secret-token',
    SLACK_SIGNING_SECRET: 'signing-secret-value',
    LLM_BASE_URL: 'https://llm.example.it/v1?api-key=llm-key-123',
    LLM_MODEL: 'gpt-4o-mini',
    LLM_API_KEY: 'sk-llm-api-key',
    METRICS_TOKEN: 'metrics-token-0123456789',
    PORT: '8080',
  };

  it('masks every secret and keeps what helps: host, database, model, port', () => {
    const checked = checkConfig(env);
    if (!checked.ok) throw new Error(JSON.stringify(checked.issues));
    const settings = effectiveSettings(checked);
    const printed = JSON.stringify(settings);
    for (const secret of ['s3cr3t-pw', 'k3y', 'AAEabcdefghijklmnopqrstuvwxyz', 'secret-token', 'signing-secret-value', 'llm-key-123', 'sk-llm-api-key', 'metrics-token-0123456789']) {
      expect(printed).not.toContain(secret);
    }
    const byName = Object.fromEntries(settings.map((s) => [s.variable, s]));
    expect(byName.DATABASE_URL).toEqual({ variable: 'DATABASE_URL', value: `postgres://orienta:${MASK}@db.internal:5432/orienta?sslpassword=${MASK}`, source: 'environment' });
    expect(byName.SLACK_BOT_TOKEN!.value).toBe(MASK);
    expect(byName.LLM_MODEL!.value).toBe('gpt-4o-mini');
    expect(byName.PORT).toMatchObject({ value: '8080', source: 'environment' });
    expect(byName.HOST).toMatchObject({ value: '0.0.0.0', source: 'default' });
    expect(byName.ORIENTA_NOW).toMatchObject({ value: '', source: 'unset' });
    expect(settings.map((s) => s.variable)).toEqual(CONFIG_KEYS);
  });

  it('leaves a URL without credentials as it is', () => {
    expect(masked('LLM_BASE_URL', 'http://127.0.0.1:11434/v1')).toBe('http://127.0.0.1:11434/v1');
    expect(masked('DATABASE_URL', 'postgres://postgres@127.0.0.1:5432/test')).toBe('postgres://postgres@127.0.0.1:5432/test');
  });

  it('names the variable and a value that would pass', () => {
    const checked = checkConfig({ PORT: 'abc' });
    expect(checked.ok).toBe(false);
    if (checked.ok) return;
    expect(checked.issues.map((i) => i.variable)).toEqual(['PORT']);
    expect(describeIssue(checked.issues[0]!, checked.given)).toMatch(/^PORT: .+ Fix: set PORT to a value such as 8080 \(port `serve` listens on .*\), or unset it\.$/);
    const missing = checkConfig({ LLM_BASE_URL: 'http://127.0.0.1:11434/v1' });
    if (missing.ok) throw new Error('expected an issue');
    expect(describeIssue(missing.issues[0]!, missing.given)).toBe(
      'LLM_MODEL: is required when LLM_BASE_URL is set (for example gpt-4o-mini or llama3.1). Fix: set LLM_MODEL to a value such as llama3.1 (the chat model, required with LLM_BASE_URL).',
    );
  });
});

import { describe, expect, it } from 'vitest';
import { configTable } from '../../app/config-docs.js';
import { runCli } from '../../test/support/cli.js';

// The test runner's own environment must not leak settings into what is checked.
const clean = { DATABASE_URL: '', ORIENTA_NOW: '', LLM_BASE_URL: '', LLM_MODEL: '', EMBEDDINGS_BASE_URL: '', LOG_LEVEL: '' };

describe('orienta config check', () => {
  it('prints the configuration in force with the secrets masked', async () => {
    const r = await runCli(['config', 'check', '--lang', 'en'], {
      env: { ...clean, DATABASE_URL: 'postgres://orienta:pa55word@db:5432/orienta', SLACK_BOT_TOKEN: 'xoxb-very-secret', SLACK_SIGNING_SECRET: 'signing-secret-1', METRICS_TOKEN: 'metrics-token-0123456789', PORT: '8080' },
    });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Configuration OK: \d+ settings, 6 from the environment\./);
    expect(r.stdout).toMatch(/^DATABASE_URL +postgres:\/\/orienta:\*\*\*\*@db:5432\/orienta +environment$/m);
    expect(r.stdout).toMatch(/^PORT +8080 +environment$/m);
    expect(r.stdout).toMatch(/^ORIENTA_LANG +en +environment$/m);
    expect(r.stdout).toMatch(/^RETENTION_CONVERSATION_DAYS +180 +default$/m);
    for (const secret of ['pa55word', 'very-secret', 'signing-secret-1', 'metrics-token-0123456789']) expect(r.stdout).not.toContain(secret);
  });

  it('exits 2 naming each invalid variable and its fix', async () => {
    const r = await runCli(['config', 'check'], { env: { ...clean, PORT: 'eighty', RETENTION_CONVERSATION_DAYS: '-1' } });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('orienta: the configuration is invalid (2 problems):');
    expect(r.stderr).toMatch(/^ {2}PORT: .* Fix: set PORT to a value such as 8080 .*, or unset it\.$/m);
    expect(r.stderr).toMatch(/^ {2}RETENTION_CONVERSATION_DAYS: .* Fix: set RETENTION_CONVERSATION_DAYS to a value such as 90 /m);
    // Settings that only make sense together are checked once each one is valid on its own.
    const pair = await runCli(['config', 'check'], { env: { ...clean, SLACK_BOT_TOKEN: 'xoxb-token-without-secret' } });
    expect(pair.code).toBe(2);
    expect(pair.stderr).toMatch(/^ {2}SLACK_SIGNING_SECRET: Slack needs both SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET .*\. Fix: set SLACK_SIGNING_SECRET to a value such as/m);
    expect(pair.stderr).not.toContain('xoxb-token-without-secret');
  });

  it('prints the table of docs/configuration.md with `config docs`', async () => {
    const r = await runCli(['config', 'docs']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`${configTable()}\n`);
  });
});

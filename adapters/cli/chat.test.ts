import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Reply } from '../../domain/message.js';
import { runCli, sampleDataDir } from '../../test/support/cli.js';

const NOW = '2026-11-25T10:00:00+01:00';

describe('orienta chat', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await sampleDataDir();
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('--json answers one Reply a line, on one conversation, remembering the last search', async () => {
    const r = await runCli(['--data-dir', dir, '--now', NOW, 'chat', '--json'], { input: 'corsi di stampa 3d a viadana\n\ne online?\nC001\n' });
    expect(r.code, r.stderr).toBe(0);
    const replies = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as Reply);
    expect(replies).toHaveLength(3);
    expect(new Set(replies.map((x) => x.conversationId)).size).toBe(1);
    for (const reply of replies) expect(Object.keys(reply).sort()).toEqual(['citations', 'conversationId', 'intent', 'lang', 'messages']);
    expect(replies[0]!.citations.map((c) => c.id)).toContain('C008');
    expect(replies[1]!.citations.map((c) => c.id)).toContain('C046');
    expect(replies[1]!.citations.map((c) => c.id)).not.toContain('C008');
    expect(replies[2]!.citations[0]).toEqual({ kind: 'course', id: 'C001', title: 'Coding base: pensiero computazionale e primi programmi' });
  });

  it('prints plain text with numbered choices and sources, in English with --lang en', async () => {
    const r = await runCli(['--data-dir', dir, '--now', NOW, '--lang', 'en', 'chat', '--user', 'cli:test'], { input: 'welding course\n1\n' });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/ 1\) /);
    expect(r.stdout).toContain('Sources: ');
    expect(r.stdout).toContain('C012');
  });

  it('refuses a malformed --user with exit code 2', async () => {
    const r = await runCli(['--data-dir', dir, 'chat', '--user', 'x y'], { input: '' });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--user/);
  });
});

import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PgliteDatabase } from '../../knowledge/db/pglite-database.js';
import { runCli, sampleDataDir } from '../../test/support/cli.js';

// Staff answering a person's request under the GDPR, with the real `orienta` executable on a data
// dir a student has used through the chat: an enrolment, a handoff with a phone number.

const NOW = '2026-11-25T10:00:00+01:00';
const USER = 'telegram:424242';
let dir: string;
const orienta = (args: string[], input?: string) => runCli(['--data-dir', dir, '--now', NOW, ...args], input === undefined ? {} : { input });

async function inStore<T>(fn: (db: PgliteDatabase) => Promise<T>): Promise<T> {
  const db = await PgliteDatabase.open({ dataDir: join(dir, 'pglite') });
  try {
    return await fn(db);
  } finally {
    await db.close();
  }
}

describe('orienta privacy', () => {
  beforeAll(async () => {
    dir = await sampleDataDir();
    const chat = await orienta(['chat', '--user', USER, '--json'], ['voglio iscrivermi a C001', 'Sofia Marchetti', '16', 'sì', 'voglio parlare con una persona, 333 5550123'].join('\n') + '\n');
    expect(chat.code, chat.stderr).toBe(0);
    expect(chat.stdout).toMatch(/LTO-[A-Z0-9]{4}/);
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('exports everything held about the person as JSON', async () => {
    const r = await orienta(['privacy', 'export', '--user', USER]);
    expect(r.code, r.stderr).toBe(0);
    const data = JSON.parse(r.stdout);
    expect(data).toMatchObject({ userId: USER, exportedAt: new Date(NOW).toISOString() });
    expect(data.conversations[0].history.map((h: { inbound: { text?: string } }) => h.inbound.text)).toContain('Sofia Marchetti');
    expect(data.bookings).toEqual([expect.objectContaining({ name: 'Sofia Marchetti', status: 'confirmed', slotId: 'SL001' })]);
    expect(JSON.stringify(data.handoffs)).toContain('5550123');
  });

  it('refuses to erase without --yes when nobody can be asked, and erases nothing', async () => {
    const r = await orienta(['privacy', 'erase', '--user', USER]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`orienta: ${USER} has 1 conversation, 1 handoff, 1 booking, 0 channel addresses. Nothing was erased: add --yes to erase it.\n`);
    expect(JSON.parse((await orienta(['privacy', 'export', '--user', USER])).stdout).bookings).toHaveLength(1);
  });

  it('erases the person from every table with --yes, keeping the seat', async () => {
    const taken = () => inStore(async (db) => (await db.query<{ taken: number }>("SELECT taken FROM slots WHERE id = 'SL001'"))[0]!.taken);
    const before = await taken();
    const r = await orienta(['privacy', 'erase', '--user', USER, '--yes']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe(`Erased ${USER}: 1 conversation, 1 handoff; 1 booking anonymised (seats kept).\n`);
    expect(await taken()).toBe(before);
    const left = await inStore(async (db) => {
      const tables = await db.query<{ t: string }>("SELECT tablename AS t FROM pg_tables WHERE schemaname = 'public'");
      const rows: string[] = [];
      for (const { t } of tables) rows.push(...(await db.query<{ row: string }>(`SELECT x::text AS row FROM "${t}" x WHERE x::text ILIKE ANY($1)`, [['%424242%', '%Marchetti%', '%5550123%']])).map((x) => `${t}: ${x.row}`));
      return rows;
    });
    expect(left).toEqual([]);
    const data = JSON.parse((await orienta(['privacy', 'export', '--user', USER])).stdout);
    expect([data.conversations, data.handoffs, data.addresses, data.bookings]).toEqual([[], [], [], []]);
  });

  it('purges by hand, saying the retention it applied', async () => {
    const r = await orienta(['privacy', 'purge', '--json'], '');
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({
      retention: { conversationDays: 180, bookingDays: 90, deliveryDays: 7 },
      removed: { turns: 0, conversations: 0, handoffs: 0, addresses: 0, deliveries: 0, bookings: 0 },
    });
  });
});

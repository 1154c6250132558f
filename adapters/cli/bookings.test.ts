import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, sampleDataDir } from '../../test/support/cli.js';

const NOW = '2026-11-25T10:00:00+01:00';
let dir: string;
const orienta = (...args: string[]) => runCli(['--data-dir', dir, '--now', NOW, ...args]);
const json = <T>(stdout: string) => JSON.parse(stdout) as T;

interface SlotOut { id: string; capacity: number; taken: number; free: number; waitlist: number }
const slot = async (id: string) => json<SlotOut[]>((await orienta('slots', '--json', '--all')).stdout).find((s) => s.id === id)!;
const everything = async () => (await orienta('bookings', 'list', '--json')).stdout;

describe('orienta slots and bookings', () => {
  beforeAll(async () => {
    dir = await sampleDataDir();
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('lists slots with capacity, taken, free and waitlist, filtered by site and ref', async () => {
    const table = await orienta('slots', '--site', 'S02');
    expect(table.code).toBe(0);
    expect(table.stdout.split('\n')[0]).toMatch(/^slot\s+kind\s+ref\s+site\s+start\s+capacity\s+taken\s+free\s+waitlist$/);
    expect(table.stdout).toMatch(/SL066\s+lab\s+S02\s+S02\s+2026-12-03T09:00:00\+01:00\s+16\s+0\s+16\s+0/);
    const byRef = json<SlotOut[] & { ref: string }[]>((await orienta('slots', '--ref', 'C001', '--json')).stdout);
    expect(byRef.map((s) => s.id)).toEqual(['SL001']);
    expect(byRef[0]).toMatchObject({ capacity: 20, taken: 13, free: 7, waitlist: 0 });
  });

  it('books by phone, replays a repeated key, and refuses what cannot be booked with its reason and no change', async () => {
    const made = await orienta('bookings', 'create', '--slot', 'SL066', '--name', 'Prof. Bianchi', '--contact', '+39 0376 123456', '--group', '12', '--class', '4B', '--key', 'call-1', '--json');
    expect(made.code, made.stderr).toBe(0);
    const booked = json<{ ok: true; booking: { code: string; status: string; groupSize: number; channel: string } }>(made.stdout);
    expect(booked.booking).toMatchObject({ status: 'confirmed', groupSize: 12, channel: 'phone' });
    expect(booked.booking.code).toMatch(/^LTO-[2-9A-HJKMNP-Z]{4}$/);
    expect(await slot('SL066')).toMatchObject({ taken: 12, free: 4 });

    const again = await orienta('bookings', 'create', '--slot', 'SL066', '--name', 'Prof. Bianchi', '--contact', '+39 0376 123456', '--group', '12', '--key', 'call-1');
    expect(again.code).toBe(0);
    expect(again.stdout).toContain(`already booked with this key: ${booked.booking.code} confirmed`);
    expect(await slot('SL066')).toMatchObject({ taken: 12 });

    const before = await everything();
    const refusals: [string[], number, RegExp][] = [
      [['--slot', 'SL066', '--name', 'A', '--group', '0'], 2, /GROUP_INVALID: the group size must be a whole number/],
      [['--slot', 'SL066', '--name', 'A', '--group', '500'], 1, /GROUP_OVER_LIMIT: one booking may hold at most 30 people/],
      [['--slot', 'SL066', '--name', 'A', '--group', '24'], 1, /split it over 2 sessions/],
      [['--slot', 'SL067', '--name', 'A'], 1, /FULL: slot SL067 is full \(0 of 20 places free\): add --waitlist/],
      [['--slot', 'NOPE', '--name', 'A'], 1, /SLOT_NOT_FOUND/],
      [['--slot', 'SL001', '--name', 'A'], 1, /AGE_REQUIRED: .*minimum age of 14.*--age/],
      [['--slot', 'SL001', '--name', 'A', '--age', '12'], 1, /TOO_YOUNG/],
      [['--slot', 'SL066', '--name', 'Prof. Bianchi', '--contact', '+39 0376 123456'], 1, new RegExp(`ALREADY_BOOKED: this person already holds booking ${booked.booking.code}`)],
      [['--slot', 'SL066', '--name', 'A', '--group', 'many'], 2, /--group must be a whole number/],
      [['--slot', 'SL066', '--name', ' '], 2, /--name is empty/],
    ];
    for (const [args, code, reason] of refusals) {
      const r = await orienta('bookings', 'create', ...args);
      expect([r.code, r.stderr], args.join(' ')).toEqual([code, expect.stringMatching(reason)]);
    }
    const past = await runCli(['--data-dir', dir, '--now', '2026-12-04T10:00:00+01:00', 'bookings', 'create', '--slot', 'SL066', '--name', 'Late', '--json']);
    expect(past.code).toBe(1);
    expect(json(past.stdout)).toMatchObject({ ok: false, reason: 'SLOT_PAST', message: expect.stringContaining('SL066') });
    expect(await everything()).toBe(before);
  }, 240_000);

  it('lists bookings as a table, JSON and CSV; cancels, frees the seats, promotes the waitlist, refuses a second time', async () => {
    const small = await orienta('bookings', 'create', '--slot', 'SL066', '--name', 'Luca Verdi', '--contact', 'luca@example.org', '--group', '4', '--json');
    expect(small.code, small.stderr).toBe(0);
    const code = json<{ booking: { code: string } }>(small.stdout).booking.code;
    // Whatever was typed into a contact reaches the CSV: a formula must arrive as text.
    const waiting = await orienta('bookings', 'create', '--slot', 'SL066', '--name', 'Classe 2C, "Fermi"', "--contact=-2+3+cmd|' /C calc'!A0", '--group', '3', '--waitlist');
    expect(waiting.code).toBe(0);
    expect(waiting.stdout).toMatch(/waitlisted, number 1 in line/);
    expect(await slot('SL066')).toMatchObject({ taken: 16, free: 0, waitlist: 1 });

    const table = await orienta('bookings', 'list', '--slot', 'SL066');
    expect(table.stdout).toMatch(new RegExp(`${code}\\s+SL066\\s+S02\\s+\\S+\\s+confirmed\\s+4\\s+Luca Verdi`));
    const csv = (await orienta('bookings', 'list', '--ref', 'S02', '--csv')).stdout.split('\r\n');
    expect(csv[0]).toBe('code,slot,ref,start,status,position,group,name,contact,class,channel,created');
    expect(csv.find((l) => l.includes('waitlisted'))).toContain(`,waitlisted,1,3,"Classe 2C, ""Fermi""","'-2+3+cmd|' /C calc'!A0",,phone,`);
    // A phone number begins like a formula: a spreadsheet shows it as text, not computed.
    expect(csv.find((l) => l.includes('Bianchi'))).toContain(`,"'+39 0376 123456",4B,phone,`);
    const listed = json<{ code: string; slot: { id: string } }[]>((await orienta('bookings', 'list', '--slot', 'SL066', '--json')).stdout);
    expect(listed.map((b) => b.slot.id)).toEqual(['SL066', 'SL066', 'SL066']);
    expect((await orienta('bookings', 'list', '--slot', 'NOPE')).code).toBe(2);

    const cancelled = await orienta('bookings', 'cancel', code.toLowerCase());
    expect(cancelled.code, cancelled.stderr).toBe(0);
    expect(cancelled.stdout).toMatch(new RegExp(`${code} cancelled \\(Luca Verdi, slot SL066\\); 1 of 16 places now free`));
    expect(cancelled.stdout).toMatch(/promoted from the waitlist: LTO-\w{4} Classe 2C, "Fermi", 3 seats \(phone\)/);
    expect(await slot('SL066')).toMatchObject({ taken: 15, free: 1, waitlist: 0 });

    const before = await everything();
    const twice = await orienta('bookings', 'cancel', code);
    expect([twice.code, twice.stderr]).toEqual([1, expect.stringMatching(/ALREADY_CANCELLED: this booking was already cancelled/)]);
    const unknown = await orienta('bookings', 'cancel', 'LTO-2222');
    expect([unknown.code, unknown.stderr]).toEqual([1, expect.stringMatching(/NOT_FOUND/)]);
    const garbage = await orienta('bookings', 'cancel', 'LTO-0O1I');
    expect([garbage.code, garbage.stderr]).toEqual([2, expect.stringMatching(/is not a booking code/)]);
    expect(await everything()).toBe(before);
  }, 240_000);
});

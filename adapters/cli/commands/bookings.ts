import type { Command } from 'commander';
import type { Booking, SlotAvailability } from '../../../domain/ports.js';
import { normalizeBookingCode } from '../../../knowledge/bookings/booking-code.js';
import { describeCancelRefusal, describeRefusal } from '../../../knowledge/bookings/refusal-text.js';
import type { Slot } from '../../../domain/model/index.js';
import { withOrienta, type GlobalOptions, type Io } from '../context.js';
import { ReportedFailure, UsageError } from '../errors.js';
import { csv } from '../../../text/csv.js';

const whole = (value: string | undefined, option: string, min: number, max: number): number | undefined => {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!/^-?\d+$/.test(value.trim()) || n < min || n > max) throw new UsageError(`${option} must be a whole number from ${min} to ${max}, not "${value}"`);
  return n;
};

export function registerSlots(program: Command, io: Io): void {
  program
    .command('slots')
    .description('bookable slots with their capacity, seats taken, free places and waitlist')
    .option('--ref <id>', 'only the slots of this course, service, initiative or lab site (e.g. C003)')
    .option('--site <id>', 'only the slots held at this site (e.g. S02)')
    .option('--all', 'include slots that are over')
    .option('--json', 'print the slots as JSON')
    .action(async (opts: { ref?: string; site?: string; all?: boolean; json?: boolean }, cmd: Command) => {
      await withOrienta(cmd.optsWithGlobals() as GlobalOptions, { command: 'slots' }, async (o) => {
        const slots = await o.bookings.slots({
          ...(opts.ref ? { ref: opts.ref.trim() } : {}),
          ...(opts.site ? { site: opts.site.trim() } : {}),
          ...(opts.all ? {} : { after: o.clock.now().toISOString() }),
        });
        if (opts.json) {
          io.stdout.write(`${JSON.stringify(slots)}\n`);
          return;
        }
        if (slots.length === 0) {
          io.stdout.write('No slots match.\n');
          return;
        }
        io.stdout.write(table(['slot', 'kind', 'ref', 'site', 'start', 'capacity', 'taken', 'free', 'waitlist'], slots.map(slotRow), 5));
      });
    });
}

export function registerBookings(program: Command, io: Io): void {
  const bookings = program.command('bookings').description('bookings of slots: take one by phone, list, cancel');

  bookings
    .command('create')
    .description('book a slot for someone (a phone call, the front desk); exits 1 with the reason when refused')
    .requiredOption('--slot <id>', 'the slot (see orienta slots)')
    .requiredOption('--name <name>', "the person's or the class's name")
    .option('--contact <contact>', 'phone or email')
    .option('--group <n>', 'how many people (a class for a lab session)', '1')
    .option('--class <name>', 'the class, for a lab session (e.g. 4B)')
    .option('--age <n>', "the person's age, where the course states a minimum")
    .option('--waitlist', 'join the waitlist when the slot is full')
    .option('--key <key>', 'an idempotency key: the same key books once, however often the command is repeated')
    .option('--json', 'print the result as JSON')
    .action(async (opts: { slot: string; name: string; contact?: string; group: string; class?: string; age?: string; waitlist?: boolean; key?: string; json?: boolean }, cmd: Command) => {
      const name = opts.name.trim();
      if (name === '') throw new UsageError('--name is empty: say who the booking is for');
      const groupSize = whole(opts.group, '--group', -1_000_000, 1_000_000)!;
      const age = whole(opts.age, '--age', 0, 130);
      const contact = opts.contact?.trim() || undefined;
      await withOrienta(cmd.optsWithGlobals() as GlobalOptions, { command: 'bookings' }, async (o) => {
        const result = await o.bookings.book({
          slotId: opts.slot,
          // Whoever calls is known by their contact, or their name: one active booking each per slot.
          userId: `phone:${(contact ?? name).toLowerCase().replace(/\s+/g, ' ')}`,
          channel: 'phone',
          name,
          groupSize,
          ...(contact ? { contact } : {}),
          ...(opts.class ? { className: opts.class.trim() } : {}),
          ...(age !== undefined ? { age } : {}),
          ...(opts.waitlist ? { waitlist: true } : {}),
          ...(opts.key ? { idempotencyKey: opts.key } : {}),
        });
        if (!result.ok) {
          const message = describeRefusal(result);
          if (opts.json) io.stdout.write(`${JSON.stringify({ ok: false, reason: result.reason, message, ...(result.detail ? { detail: result.detail } : {}) })}\n`);
          else io.stderr.write(`orienta: refused, ${result.reason}: ${message}\n`);
          throw new ReportedFailure(result.reason === 'GROUP_INVALID' ? 2 : 1);
        }
        if (opts.json) {
          io.stdout.write(`${JSON.stringify(result)}\n`);
          return;
        }
        const b = result.booking;
        const what = b.status === 'waitlisted' ? `waitlisted, number ${b.waitlistPosition} in line` : 'confirmed';
        io.stdout.write(
          `${result.replayed ? 'already booked with this key: ' : ''}${b.code} ${what}: ${b.name}, ${seats(b.groupSize)} on slot ${result.slot.id} (${result.slot.ref}, ${result.slot.start}); ` +
            `${result.slot.capacity - result.slot.taken} of ${result.slot.capacity} places left\n`,
        );
      });
    });

  bookings
    .command('list')
    .description('bookings with who, how many and their status (confirmed, waitlisted, cancelled)')
    .option('--slot <id>', 'the bookings of one slot')
    .option('--ref <id>', 'the bookings of every slot of a course, service, initiative or lab site')
    .option('--json', 'print the bookings as JSON')
    .option('--csv', 'print the bookings as CSV (for a spreadsheet)')
    .action(async (opts: { slot?: string; ref?: string; json?: boolean; csv?: boolean }, cmd: Command) => {
      if (opts.json && opts.csv) throw new UsageError('choose one of --json and --csv');
      await withOrienta(cmd.optsWithGlobals() as GlobalOptions, { command: 'bookings' }, async (o) => {
        const slots = (await o.bookings.slots(opts.ref ? { ref: opts.ref.trim() } : {})).filter((s) => !opts.slot || s.id === opts.slot.trim());
        if (opts.slot && slots.length === 0) throw new UsageError(`there is no slot "${opts.slot}"${opts.ref ? ` of ${opts.ref}` : ''} (see orienta slots)`);
        const rows: { booking: Booking; slot: Slot }[] = [];
        for (const slot of slots) for (const booking of await o.bookings.listForSlot(slot.id)) rows.push({ booking, slot });
        if (opts.json) {
          io.stdout.write(`${JSON.stringify(rows.map(({ booking, slot }) => ({ ...booking, slot: { id: slot.id, kind: slot.kind, ref: slot.ref, site: slot.site, start: slot.start, end: slot.end } })))}\n`);
          return;
        }
        const head = ['code', 'slot', 'ref', 'start', 'status', 'position', 'group', 'name', 'contact', 'class', 'channel', 'created'];
        const cells = rows.map(({ booking: b, slot: s }) => [b.code, s.id, s.ref, s.start, b.status, b.waitlistPosition?.toString() ?? '', String(b.groupSize), b.name, b.contact ?? '', b.className ?? '', b.channel, b.createdAt]);
        if (opts.csv) {
          io.stdout.write(csv([head, ...cells]));
          return;
        }
        if (rows.length === 0) {
          io.stdout.write('No bookings.\n');
          return;
        }
        io.stdout.write(table(head.slice(0, 10), cells.map((c) => c.slice(0, 10)), 99));
      });
    });

  bookings
    .command('cancel')
    .description('cancel a booking: its seats are free again and the waitlist moves up')
    .argument('<code>', 'the booking code, e.g. LTO-7K3P')
    .option('--json', 'print the result as JSON')
    .action(async (input: string, opts: { json?: boolean }, cmd: Command) => {
      const code = normalizeBookingCode(input);
      if (!code) throw new UsageError(`"${input}" is not a booking code: they look like LTO-7K3P (no 0, O, 1, I or L)`);
      await withOrienta(cmd.optsWithGlobals() as GlobalOptions, { command: 'bookings' }, async (o) => {
        const result = await o.bookings.cancel(code);
        if (!result.ok) {
          const message = describeCancelRefusal(result.reason);
          if (opts.json) io.stdout.write(`${JSON.stringify({ ok: false, reason: result.reason, message })}\n`);
          else io.stderr.write(`orienta: ${code}: ${result.reason}: ${message}\n`);
          throw new ReportedFailure(1);
        }
        if (opts.json) {
          io.stdout.write(`${JSON.stringify(result)}\n`);
          return;
        }
        const b = result.booking;
        io.stdout.write(`${b.code} cancelled (${b.name}, slot ${b.slotId}); ${result.slot.capacity - result.slot.taken} of ${result.slot.capacity} places now free\n`);
        for (const p of result.promoted) io.stdout.write(`promoted from the waitlist: ${p.code} ${p.name}, ${seats(p.groupSize)} (${p.channel})\n`);
      });
    });
}

const seats = (n: number) => `${n} seat${n === 1 ? '' : 's'}`;

function slotRow(s: SlotAvailability): string[] {
  return [s.id, s.kind, s.ref, s.site, s.allDay ? `${s.start.slice(0, 10)} (all day)` : s.start, String(s.capacity), String(s.taken), String(s.free), String(s.waitlist)];
}

/** Columns from `rightFrom` on are numbers, aligned right. */
function table(head: string[], rows: string[][], rightFrom: number): string {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i >= rightFrom ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ').trimEnd();
  return `${[line(head), ...rows.map(line)].join('\n')}\n`;
}

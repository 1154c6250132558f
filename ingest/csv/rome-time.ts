/**
 * Local times in Mantova as ISO date-times with the offset in force on that day (+01:00 in
 * winter, +02:00 in summer), so a slot at "9:00" stays at 9:00 whatever the server's zone.
 */
const ZONE = 'Europe/Rome';
const offsetFormat = new Intl.DateTimeFormat('en-US', { timeZone: ZONE, timeZoneName: 'longOffset' });

/** Minutes east of UTC in Rome at an instant ("GMT+02:00" -> 120). */
function offsetMinutes(instant: number): number {
  const name = offsetFormat.formatToParts(instant).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  const hit = name.match(/GMT([+-])(\d{2}):(\d{2})/);
  return hit ? (hit[1] === '-' ? -1 : 1) * (Number(hit[2]) * 60 + Number(hit[3])) : 0;
}

const fmt = (minutes: number) => {
  const a = Math.abs(minutes);
  return `${minutes < 0 ? '-' : '+'}${String(Math.floor(a / 60)).padStart(2, '0')}:${String(a % 60).padStart(2, '0')}`;
};

/**
 * `date` YYYY-MM-DD and `time` HH:MM read in Rome -> "YYYY-MM-DDTHH:MM:00+01:00", or null for a
 * time the clocks skip (02:00-02:59 on the last Sunday of March).
 */
export function romeDateTime(date: string, time: string): string | null {
  const [y, mo, d] = date.split('-').map(Number) as [number, number, number];
  const [h, mi] = time.split(':').map(Number) as [number, number];
  const asUtc = Date.UTC(y, mo - 1, d, h, mi);
  // The offset at the guessed instant can be the other side of a change; a second look settles it.
  let offset = offsetMinutes(asUtc - 60 * 60_000);
  offset = offsetMinutes(asUtc - offset * 60_000);
  const instant = asUtc - offset * 60_000;
  const local = new Date(instant + offsetMinutes(instant) * 60_000);
  if (local.getUTCHours() !== h || local.getUTCMinutes() !== mi) return null;
  return `${date}T${time}:00${fmt(offset)}`;
}

export function nextDay(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

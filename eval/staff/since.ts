import { OrientaError } from '../../domain/errors.js';
import { romeDateTime } from '../../ingest/csv/rome-time.js';

const UNITS: Record<string, number> = { h: 3_600_000, d: 86_400_000, w: 7 * 86_400_000 };

/**
 * `--since`: a date (midnight in Mantova), a date-time with its offset, or a duration back from
 * `now` ("7d", "12h", "2w"). `now` is the clock of the command, so `--now` makes reports reproducible.
 */
export function parseSince(value: string, now: Date): Date {
  const v = value.trim();
  const duration = v.match(/^(\d{1,4})\s*([hdw])$/i);
  if (duration) return new Date(now.getTime() - Number(duration[1]) * UNITS[duration[2]!.toLowerCase()]!);
  if (/^\d{4}-\d{2}-\d{2}$/.test(v)) {
    // "2026-02-30" is no day: the calendar would roll it over to March.
    const real = !Number.isNaN(Date.parse(`${v}T12:00:00Z`)) && new Date(`${v}T12:00:00Z`).toISOString().slice(0, 10) === v;
    const midnight = real ? romeDateTime(v, '00:00') : null;
    if (midnight) return new Date(midnight);
  } else if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(v)) {
    const at = new Date(v);
    if (!Number.isNaN(at.getTime())) return at;
  }
  throw new OrientaError('INPUT_INVALID', `--since "${value}" is neither a date (2026-11-01, 2026-11-01T09:00:00+01:00) nor a duration back from now (12h, 7d, 2w)`);
}

const ROME = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Rome', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' });

/** The instant as people in Mantova read it: "2026-11-18 10:00". */
export const romeLabel = (at: Date) => ROME.format(at);

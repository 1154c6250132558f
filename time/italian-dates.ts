/**
 * Date phrases of search queries, Italian and English, read against "today" (YYYY-MM-DD in Italy).
 * Input is folded text (text/normalize.ts). Returns the date range and the words it used.
 */
export interface DateRange {
  from: string;
  to: string;
  matched: string;
}

const MONTHS: [RegExp, number][] = [
  [/\b(gennaio|january|jan)\b/, 1], [/\b(febbraio|february|feb)\b/, 2], [/\b(marzo|march)\b/, 3], [/\b(aprile|april)\b/, 4],
  // A bare "may" is usually the verb ("may I enrol?"): only "in/during/by may" is the month.
  [/\b(maggio|(in|during|by|until) may)\b/, 5], [/\b(giugno|june)\b/, 6], [/\b(luglio|july)\b/, 7], [/\b(agosto|august)\b/, 8],
  [/\b(settembre|september|sept)\b/, 9], [/\b(ottobre|october)\b/, 10], [/\b(novembre|november)\b/, 11], [/\b(dicembre|december)\b/, 12],
];

const iso = (y: number, m: number, d: number) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();
function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

// Folded names (no accents), Sunday first like Date.getUTCDay().
const WEEKDAYS: [string, string][] = [
  ['domenica', 'sunday'], ['lunedi', 'monday'], ['martedi', 'tuesday'], ['mercoledi', 'wednesday'],
  ['giovedi', 'thursday'], ['venerdi', 'friday'], ['sabato', 'saturday'],
];
const WEEKDAY_PATTERNS = WEEKDAYS.map(([it, en]) => {
  const day = `(${it}|${en})`;
  return {
    next: new RegExp(`\\b(${day} prossim[oa]|prossim[oa] ${day}|next ${day})\\b`),
    coming: new RegExp(`\\b((questo|questa|this|on|per|entro|by) )?${day}\\b`),
  };
});
const weekday = (date: string) => new Date(`${date}T00:00:00Z`).getUTCDay();
/** The first `day` (0 = Sunday) on or after `date`, or strictly after it. */
function nextWeekday(date: string, day: number, strictly: boolean): string {
  const ahead = (day - weekday(date) + 7) % 7;
  return addDays(date, ahead === 0 && strictly ? 7 : ahead);
}

function relativeDay(folded: string, today: string): DateRange | null {
  let hit: RegExpMatchArray | null;
  if ((hit = folded.match(/\b(dopodomani|the day after tomorrow)\b/))) return { from: addDays(today, 2), to: addDays(today, 2), matched: hit[0] };
  if ((hit = folded.match(/\b(domani|tomorrow)\b/))) return { from: addDays(today, 1), to: addDays(today, 1), matched: hit[0] };
  if ((hit = folded.match(/\b(oggi|stasera|today|tonight)\b/))) return { from: today, to: today, matched: hit[0] };
  if ((hit = folded.match(/\b((questo|il|nel|this|next) (weekend|week end|fine settimana)|(weekend|fine settimana) prossimo)\b/))) {
    // Saturday and Sunday to come; on a Sunday that is today alone.
    const sat = weekday(today) === 0 ? today : nextWeekday(today, 6, false);
    return { from: sat, to: nextWeekday(today, 0, false), matched: hit[0] };
  }
  for (const [i, { next, coming }] of WEEKDAY_PATTERNS.entries()) {
    // "sabato prossimo" is the coming Saturday, never today; "questo sabato" may be today.
    if ((hit = folded.match(next))) {
      const d = nextWeekday(today, i, true);
      return { from: d, to: d, matched: hit[0] };
    }
    if ((hit = folded.match(coming))) {
      // "il sabato", "di sabato", "ogni sabato" are habits (opening hours), not a date.
      const before = folded.slice(0, hit.index).trimEnd().split(' ').pop();
      if (!hit[2] && before && ['il', 'la', 'di', 'ogni', 'every', 'i', 'le', 'al'].includes(before)) continue;
      const d = nextWeekday(today, i, false);
      const by = hit[2] === 'entro' || hit[2] === 'by';
      return { from: by ? today : d, to: d, matched: hit[0] };
    }
  }
  return null;
}

const MONTH_NAMES: [string, number][] = [
  ['gennaio', 1], ['january', 1], ['jan', 1], ['febbraio', 2], ['february', 2], ['feb', 2], ['marzo', 3], ['march', 3], ['mar', 3], ['aprile', 4], ['april', 4], ['apr', 4],
  ['maggio', 5], ['may', 5], ['giugno', 6], ['june', 6], ['jun', 6], ['luglio', 7], ['july', 7], ['jul', 7], ['agosto', 8], ['august', 8], ['aug', 8],
  ['settembre', 9], ['september', 9], ['sept', 9], ['sep', 9], ['ottobre', 10], ['october', 10], ['oct', 10], ['novembre', 11], ['november', 11], ['nov', 11],
  ['dicembre', 12], ['december', 12], ['dec', 12],
];
const MONTH_OF = new Map(MONTH_NAMES);
const MONTH_WORD = MONTH_NAMES.map(([n]) => n).join('|');
const DAY_MONTH = new RegExp(`\\b(?:(?:${WEEKDAYS.flat().join('|')}) )?(?:il |l |on |the |per il |dal |entro il |by )?(\\d{1,2})(?:st|nd|rd|th)? (?:di |of )?(${MONTH_WORD})(?: (\\d{4}))?\\b`);
const MONTH_DAY = new RegExp(`\\b(?:on )?(${MONTH_WORD}) (\\d{1,2})(?:st|nd|rd|th)?(?: (\\d{4}))?\\b`);

/** "13 gennaio", "sabato 12 dicembre", "December 15", "the 14th of December": that day, the next one to come. */
function dayOfMonth(folded: string, today: string): DateRange | null {
  const [y] = today.split('-').map(Number) as [number];
  let day: number, month: number, year: number | undefined, matched: string;
  let hit = folded.match(DAY_MONTH);
  if (hit) [matched, day, month, year] = [hit[0], Number(hit[1]), MONTH_OF.get(hit[2]!)!, hit[3] ? Number(hit[3]) : undefined];
  else if ((hit = folded.match(MONTH_DAY))) [matched, day, month, year] = [hit[0], Number(hit[2]), MONTH_OF.get(hit[1]!)!, hit[3] ? Number(hit[3]) : undefined];
  else return null;
  const chosen = year ?? (iso(y, month, day) < today ? y + 1 : y);
  if (day < 1 || day > lastDay(chosen, month)) return null;
  const date = iso(chosen, month, day);
  return { from: date, to: date, matched };
}

export function parseDatePhrase(folded: string, today: string): DateRange | null {
  const [y, m] = today.split('-').map(Number) as [number, number, number];
  let hit: RegExpMatchArray | null;
  const exact = dayOfMonth(folded, today);
  if (exact) return exact;
  const day = relativeDay(folded, today);
  if (day) return day;
  if ((hit = folded.match(/\b(entro (la )?fine (dell )?anno|by the end of the year|this year|quest anno)\b/))) {
    return { from: today, to: iso(y, 12, 31), matched: hit[0] };
  }
  if ((hit = folded.match(/\b(questo mese|entro (la )?fine (del )?mese|this month|by the end of the month)\b/))) {
    return { from: today, to: iso(y, m, lastDay(y, m)), matched: hit[0] };
  }
  if ((hit = folded.match(/\b((il )?mese prossimo|next month)\b/))) {
    const [ny, nm] = m === 12 ? [y + 1, 1] : [y, m + 1];
    return { from: iso(ny, nm, 1), to: iso(ny, nm, lastDay(ny, nm)), matched: hit[0] };
  }
  if ((hit = folded.match(/\b((la )?settimana prossima|(la )?prossima settimana|next week)\b/))) {
    return { from: addDays(today, 1), to: addDays(today, 14), matched: hit[0] };
  }
  if ((hit = folded.match(/\b(in partenza|prossimi|prossime|che iniziano presto|upcoming|starting soon)\b/))) {
    return { from: today, to: addDays(today, 120), matched: hit[0] };
  }
  if ((hit = folded.match(/\bdopo (natale|le feste)\b|\bafter christmas\b/))) {
    const from = today <= iso(y, 12, 26) ? iso(y, 12, 27) : addDays(today, 1);
    return { from, to: addDays(from, 45), matched: hit[0] };
  }
  for (const [re, month] of MONTHS) {
    if ((hit = folded.match(re))) {
      // "a gennaio" means the next January to come; the current month still counts from today.
      const year = month < m ? y + 1 : y;
      const from = month === m ? today : iso(year, month, 1);
      const phrase = folded.match(new RegExp(`\\b((a|in|di|nel mese di|per|entro|in the month of|during)\\s+)?${hit[0]}\\b`));
      return { from, to: iso(year, month, lastDay(year, month)), matched: phrase?.[0] ?? hit[0] };
    }
  }
  return null;
}

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

export function parseDatePhrase(folded: string, today: string): DateRange | null {
  const [y, m] = today.split('-').map(Number) as [number, number, number];
  let hit: RegExpMatchArray | null;
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

import type { Lang } from '../../domain/message.js';
import type { InsightGroup, Insights } from './insights.js';

const TEXTS = {
  it: {
    title: (since: string | null) => `Domanda non soddisfatta${since ? ` dal ${since}` : ''}`,
    totals: (t: Insights['totals']) =>
      `${t.people} ${t.people === 1 ? 'persona' : 'persone'}: ${t.unanswered} senza risposta, ${t.negativeFeedback} risposte giudicate sbagliate, ${t.handoffs} richieste di una persona, ${t.full} posti esauriti`,
    none: 'Nessuna domanda rimasta senza risposta nel periodo.',
    head: ['persone', 'totale', 'senza risposta', 'sbagliate', 'persona', 'esauriti', 'tema', 'comune'],
    areas: {
      courses: 'corsi', sites: 'sedi', schools: 'scuole', services: 'servizi', initiatives: 'iniziative', 'learning-path': 'percorsi', company: 'aziende',
      bookings: 'prenotazioni', person: 'chiede una persona', privacy: 'privacy', other: 'altro',
    } as Record<string, string>,
  },
  en: {
    title: (since: string | null) => `Unmet demand${since ? ` since ${since}` : ''}`,
    totals: (t: Insights['totals']) =>
      `${t.people} ${t.people === 1 ? 'person' : 'people'}: ${t.unanswered} without an answer, ${t.negativeFeedback} answers judged wrong, ${t.handoffs} asked for a person, ${t.full} found it full`,
    none: 'No question went unanswered in the period.',
    head: ['people', 'total', 'unanswered', 'wrong', 'person', 'full', 'topic', 'comune'],
    areas: {
      courses: 'courses', sites: 'sites', schools: 'schools', services: 'services', initiatives: 'initiatives', 'learning-path': 'learning paths', company: 'companies',
      bookings: 'bookings', person: 'asks for a person', privacy: 'privacy', other: 'other',
    } as Record<string, string>,
  },
} satisfies Record<Lang, unknown>;

export function topicLabel(g: InsightGroup, lang: Lang): string {
  const area = TEXTS[lang].areas[g.area] ?? g.area;
  const what = g.record ? `${g.record.id}${g.record.title ? ` ${g.record.title}` : ''}` : g.subject;
  return what ? `${area} · ${what}` : area;
}

/** The report for a terminal: totals, then one row per topic and comune, most people first. */
export function insightsTable(insights: Insights, lang: Lang, sinceLabel: string | null): string {
  const T = TEXTS[lang];
  const lines = [T.title(sinceLabel), T.totals(insights.totals), ''];
  if (insights.groups.length === 0) return `${[...lines, T.none].join('\n')}\n`;
  const rows = insights.groups.map((g) => [g.people, g.total, g.unanswered, g.negativeFeedback, g.handoffs, g.full].map(String).concat([clip(topicLabel(g, lang), 70), g.comune?.name ?? '—']));
  const widths = T.head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  // Counts right-aligned, words left-aligned.
  const line = (cells: string[]) => cells.map((c, i) => (i < 6 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ').trimEnd();
  return `${[...lines, line(T.head), ...rows.map(line)].join('\n')}\n`;
}

const clip = (s: string, max: number) => (s.length > max ? `${s.slice(0, max - 1)}…` : s);

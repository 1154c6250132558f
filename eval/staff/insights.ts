import type { DemandEvent, RecordRef, Signal } from './demand.js';

export type Counts = Record<Signal, number>;

/** One topic in one comune, with how many people asked and how they were let down. */
export interface InsightGroup extends Counts {
  area: string;
  /** The words searched for ('' when the topic is a record or the area alone). */
  subject: string;
  record: RecordRef | null;
  comune: { code: string; name: string } | null;
  people: number;
  total: number;
  /** Up to three of the questions, personal data replaced. */
  examples: string[];
}

export interface Insights {
  since: string | null;
  totals: Counts & { people: number; total: number };
  groups: InsightGroup[];
}

const SIGNALS: Signal[] = ['unanswered', 'negativeFeedback', 'handoffs', 'full'];
const MAX_EXAMPLES = 3;
const zero = (): Counts => ({ unanswered: 0, negativeFeedback: 0, handoffs: 0, full: 0 });

/**
 * The unmet demand grouped by topic and comune, most people first: the order and the keys are
 * fixed, so two runs over the same store print the same JSON.
 */
export function groupDemand(events: readonly DemandEvent[], since?: Date): Insights {
  const groups = new Map<string, { group: InsightGroup; people: Set<string>; examples: Set<string> }>();
  const everyone = new Set<string>();
  const totals = zero();
  for (const e of events) {
    const key = [e.area, e.record ? `${e.record.kind}:${e.record.id}` : e.subject, e.comune?.code ?? ''].join('\u0000');
    let g = groups.get(key);
    if (!g) {
      g = {
        group: { area: e.area, subject: e.record ? '' : e.subject, record: e.record ?? null, comune: e.comune ?? null, people: 0, total: 0, ...zero(), examples: [] },
        people: new Set(),
        examples: new Set(),
      };
      groups.set(key, g);
    }
    g.group[e.signal]++;
    g.group.total++;
    g.people.add(e.who);
    if (e.example && g.examples.size < MAX_EXAMPLES) g.examples.add(e.example.slice(0, 200));
    if (e.record && !g.group.record!.title && e.record.title) g.group.record = e.record;
    totals[e.signal]++;
    everyone.add(e.who);
  }
  const list = [...groups.values()].map(({ group, people, examples }) => ({ ...group, people: people.size, examples: [...examples] }));
  const label = (g: InsightGroup) => g.record?.id ?? g.subject;
  // Code-unit order, not the locale's: the same everywhere the report runs.
  const cmp = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
  list.sort((a, b) => b.people - a.people || b.total - a.total || cmp(a.area, b.area) || cmp(label(a), label(b)) || cmp(a.comune?.name ?? '', b.comune?.name ?? ''));
  return {
    since: since?.toISOString() ?? null,
    totals: { people: everyone.size, total: events.length, ...totals },
    // Keys in one order, whatever order the events came in.
    groups: list.map((g) => ({
      area: g.area,
      subject: g.subject,
      record: g.record,
      comune: g.comune,
      people: g.people,
      total: g.total,
      ...Object.fromEntries(SIGNALS.map((s) => [s, g[s]])),
      examples: g.examples,
    })) as InsightGroup[],
  };
}

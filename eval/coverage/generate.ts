import type { CatalogueReader, CatalogueRecord } from '../../domain/ports.js';
import type { School, Site, Slot } from '../../domain/model/index.js';
import type { Expect } from '../case-schema.js';
import type { EvalCase } from '../cases.js';
import { containsPhrase } from '../reply-text.js';
import { factsOf, FIELDS, type FactContext, type FieldFact } from './fields.js';
import { labNames, schoolNames, siteNames, titledNames, type Names } from './naming.js';
import { topicsMissing } from './not-in-catalogue.js';
import { fill, hash, PHRASINGS, rotation, withTypo, type CoverageKind } from './phrasings.js';

/** The registry has hundreds of schools: every one is asked its address, one in this many the rest. */
export const SCHOOL_SAMPLE_EVERY = 10;
const SCHOOL_EVERY_FIELDS = ['address'];

/** What was generated, for the report: how many records and cases, and what was left out and why. */
export interface CoverageSummary {
  records: Record<string, number>;
  cases: number;
  casesByKind: Record<string, number>;
  schools?: { total: number; everySchool: string[]; sampled: number; sampleEvery: number; sampleFields: string[] };
  notInCatalogue: { asked: string[]; dropped: { topic: string; key: string }[] };
  /** Questions that could not be asked fairly: no template left a check that the question itself does not already say, or two records share the name. */
  skipped: { case: string; reason: string }[];
}

export interface CoverageSet {
  cases: EvalCase[];
  summary: CoverageSummary;
}

const FILE = 'coverage';
const KINDS: CoverageKind[] = ['course', 'site', 'service', 'initiative', 'school'];

/** What a follow-up may ask once a record is in focus; each record gets one, picked by its id so they spread over these. */
const FOLLOW_UP_FIELDS: Record<CoverageKind, string[]> = {
  course: ['start', 'cost', 'place', 'schedule', 'deadline', 'seats', 'duration', 'certificate', 'prerequisites', 'end', 'mode', 'audience', 'level', 'provider'],
  site: ['directions', 'opening-hours', 'phone', 'address', 'email', 'accessibility', 'labs', 'website', 'provider'],
  service: ['documents', 'access', 'where', 'appointment', 'booking', 'languages', 'cost', 'audience'],
  initiative: ['deadline', 'dates', 'apply', 'place', 'sponsors', 'audience'],
  school: ['address', 'website', 'email', 'comune'],
};

const titleOf = (r: CatalogueRecord): string => {
  const rec = r.record as { id: string; title?: string; name?: string };
  return rec.title ?? rec.name ?? rec.id;
};

/**
 * Questions about everything the loaded catalogue holds: for every record and every field it has,
 * a formal, a colloquial (a third of them with a typo) and an English question, each checked for
 * the record (`cites`) and the fact (`says`); a follow-up on each record in focus; and topics the
 * catalogue lacks, expecting "I don't know". Deterministic: the same catalogue gives the same cases.
 */
export async function generateCoverage(catalogue: CatalogueReader, options: { now: string }): Promise<CoverageSet> {
  const all = await catalogue.listRecords(['course', 'site', 'service', 'initiative', 'school', 'doc']);
  const records = all.filter((r): r is Exclude<CatalogueRecord, { kind: 'doc' }> => r.kind !== 'doc').sort((a, b) => KINDS.indexOf(a.kind) - KINDS.indexOf(b.kind) || (a.record.id < b.record.id ? -1 : a.record.id > b.record.id ? 1 : 0));
  const { comuni } = await catalogue.vocabulary();
  const sites = new Map(records.filter((r) => r.kind === 'site').map((r) => [r.record.id, r.record as Site]));
  const slots = new Map<string, Slot[]>();
  const bookable = records.filter((r) => r.kind === 'course').map((r) => r.record.id);
  for (const s of await catalogue.slotsFor(bookable, options.now)) slots.set(s.ref, [...(slots.get(s.ref) ?? []), s]);
  const ctx: FactContext = { today: options.now.slice(0, 10), sites, comuni: new Map(comuni.map((c) => [c.code, c.name])), slots };

  const out = new Builder();
  const byKind = new Map<CoverageKind, typeof records>();
  for (const r of records) byKind.set(r.kind, [...(byKind.get(r.kind) ?? []), r]);

  for (const kind of ['course', 'service', 'initiative'] as const) {
    const list = byKind.get(kind) ?? [];
    const titles = list.map(titleOf);
    const named = list.map((r, i) => ({ r, names: titledNames(kind, titles[i]!, titles.filter((_, j) => j !== i)) }));
    out.askAll(kind, named.map(({ r, names }) => ({ r, names, facts: factsOf(r, ctx), followUp: true })));
  }

  const siteList = byKind.get('site') ?? [];
  const siteTitles = siteList.map(titleOf);
  out.askAll(
    'site',
    siteList.map((r, i) => {
      const site = r.record as Site;
      const names = siteNames(site, siteTitles.filter((_, j) => j !== i));
      const facts = factsOf(r, ctx);
      return { r, names, facts, followUp: true, labNames: (lab: number | undefined) => labNames(site, lab === undefined ? undefined : site.labs[lab]!.name, names) };
    }),
  );

  const schools = (byKind.get('school') ?? []) as { kind: 'school'; record: School & { comuneName?: string } }[];
  const sampled = schools.filter((_, i) => i % SCHOOL_SAMPLE_EVERY === 0);
  const sampledIds = new Set(sampled.map((s) => s.record.id));
  out.askAll(
    'school',
    schools.map((r) => {
      const known = factsOf(r, ctx);
      return {
        r,
        names: schoolNames(r.record),
        known,
        facts: known.filter((f) => sampledIds.has(r.record.id) || SCHOOL_EVERY_FIELDS.includes(f.field)),
        followUp: sampledIds.has(r.record.id),
        // Asked its comune or its type, a school is named without it: the question must not give the answer.
        namesFor: (field: string) => (field === 'comune' ? schoolNames(r.record, { withComune: false }) : field === 'type' ? schoolNames(r.record, { withType: false }) : undefined),
      };
    }),
  );

  const { kept, dropped } = topicsMissing(all.map((r) => r.record));
  for (const topic of kept) {
    for (const [phrasing, say, lang] of [['formal', topic.formal, 'it'], ['colloquial', topic.colloquial, 'it'], ['en', topic.en, 'en']] as const) {
      out.push({
        id: `cov.none.${topic.id}.${phrasing}`,
        description: `not in the catalogue: ${topic.id} (${phrasing})`,
        tags: ['coverage:not-in-catalogue', `coverage:phrasing:${phrasing}`, `lang:${lang}`],
        turns: [{ say, expect: { dont_know: true } }],
      });
    }
  }

  const counts: Record<string, number> = {};
  for (const r of records) counts[r.kind] = (counts[r.kind] ?? 0) + 1;
  const casesByKind: Record<string, number> = {};
  for (const c of out.cases) {
    const kind = c.tags.find((t) => t.startsWith('coverage:kind:'))?.slice('coverage:kind:'.length) ?? 'not-in-catalogue';
    casesByKind[kind] = (casesByKind[kind] ?? 0) + 1;
  }
  return {
    cases: out.cases,
    summary: {
      records: counts,
      cases: out.cases.length,
      casesByKind,
      ...(schools.length ? { schools: { total: schools.length, everySchool: SCHOOL_EVERY_FIELDS, sampled: sampled.length, sampleEvery: SCHOOL_SAMPLE_EVERY, sampleFields: FIELDS.school.filter((f) => !SCHOOL_EVERY_FIELDS.includes(f)) } } : {}),
      notInCatalogue: { asked: kept.map((t) => t.id), dropped: dropped.map((d) => ({ topic: d.topic.id, key: d.key })) },
      skipped: out.skipped,
    },
  };
}

interface Subject {
  r: Exclude<CatalogueRecord, { kind: 'doc' }>;
  names: Names;
  /** The facts asked about. */
  facts: FieldFact[];
  /** Every fact the record holds (more than those asked, for sampled schools): what namesakes are compared on. */
  known?: FieldFact[];
  followUp: boolean;
  labNames?: (lab: number | undefined) => Names;
  namesFor?: (field: string) => Names | undefined;
}

/** Collects the cases; knows how to turn one fact into its questions and checks. */
class Builder {
  readonly cases: EvalCase[] = [];
  readonly skipped: { case: string; reason: string }[] = [];

  push(c: Omit<EvalCase, 'file' | 'line'>): void {
    this.cases.push({ ...c, retrieval: false, file: FILE, line: this.cases.length + 1 });
  }

  askAll(kind: CoverageKind, subjects: Subject[]): void {
    // Records a question cannot tell apart (the same name) are asked together: citing any of them is right.
    const sharing = new Map<string, Subject[]>();
    const keyOf = (s: Subject, f: FieldFact) => (f.lab === undefined ? (s.namesFor?.(f.field) ?? s.names).key : s.labNames!(f.lab).key);
    for (const s of subjects) for (const f of s.known ?? s.facts) sharing.set(`${f.field}|${keyOf(s, f)}`, [...(sharing.get(`${f.field}|${keyOf(s, f)}`) ?? []), s]);

    for (const s of subjects) {
      for (const f of s.facts) {
        const names = f.lab !== undefined || (s.labNames && (f.field === 'equipment' || f.field === 'capacity')) ? s.labNames!(f.lab) : (s.namesFor?.(f.field) ?? s.names);
        const base = `cov.${kind}.${s.r.record.id}.${f.field}${f.lab !== undefined ? `.lab${f.lab + 1}` : ''}`;
        const peers = sharing.get(`${f.field}|${keyOf(s, f)}`) ?? [s];
        const target = this.target(s, f, peers);
        if (!target) {
          this.skipped.push({ case: base, reason: `${peers.map((p) => p.r.record.id).join(', ')} share the name and differ in ${f.field}` });
          continue;
        }
        const typo = hash(base) % 3 === 0;
        for (const phrasing of ['formal', typo ? 'typo' : 'colloquial', 'en'] as const) this.ask(kind, s, f, names, phrasing, base, target);
      }
      if (s.followUp) this.followUp(kind, s, sharing, keyOf);
    }
  }

  /** Whom to cite and what to check: the record's own fact, or, among namesakes, any of them and any of their facts. */
  private target(s: Subject, f: FieldFact, peers: Subject[]): { cite: Pick<Expect, 'cites' | 'cites_any'>; says: string[][] } | undefined {
    if (peers.length === 1) return { cite: { cites: [s.r.record.id] }, says: f.says };
    const theirs = peers.map((p) => (p.known ?? p.facts).find((x) => x.field === f.field && x.lab === f.lab));
    if (theirs.some((x) => !x || x.says.length !== f.says.length)) return undefined;
    const says = f.says.map((_, i) => [...new Set(theirs.flatMap((x) => x!.says[i]!))]);
    return { cite: { cites_any: peers.map((p) => p.r.record.id) }, says };
  }

  private ask(kind: CoverageKind, s: Subject, f: FieldFact, names: Names, phrasing: 'formal' | 'colloquial' | 'typo' | 'en', base: string, target: { cite: Pick<Expect, 'cites' | 'cites_any'>; says: string[][] }): void {
    const templates = PHRASINGS[kind][f.field]![phrasing === 'typo' ? 'colloquial' : phrasing];
    const id = `${base}.${phrasing}`;
    for (const template of rotation(templates, id)) {
      let say = fill(template, names);
      if (phrasing === 'typo') {
        const wrong = withTypo(say, id, names.s);
        if (!wrong) continue;
        say = wrong;
      }
      const says = checkable(target.says, say);
      if (!says) continue;
      this.push({
        id,
        description: `${kind} ${s.r.record.id} «${titleOf(s.r)}»: ${f.field} (${phrasing})`,
        tags: [`coverage:kind:${kind}`, `coverage:field:${f.field}`, `coverage:phrasing:${phrasing}`, `lang:${phrasing === 'en' ? 'en' : 'it'}`],
        turns: [{ say, expect: { ...target.cite, says } }],
      });
      return;
    }
    this.skipped.push({ case: id, reason: 'every phrasing already says what the answer is checked for' });
  }

  /** "Parlami del corso X", then a question that does not name it, checked for the same record and fact. */
  private followUp(kind: CoverageKind, s: Subject, sharing: Map<string, Subject[]>, keyOf: (s: Subject, f: FieldFact) => string): void {
    const held = FOLLOW_UP_FIELDS[kind].map((field) => s.facts.find((f) => f.field === field && f.lab === undefined)).filter((f): f is FieldFact => !!f);
    const id = s.r.record.id;
    const en = hash(`${kind}.${id}.lang`) % 3 === 0;
    for (const f of rotation(held, `${kind}.${id}.follow-up`)) {
      if ((sharing.get(`${f.field}|${keyOf(s, f)}`) ?? []).length > 1) continue;
      const phr = PHRASINGS[kind][f.field]!;
      const caseId = `cov.${kind}.${id}.${f.field}.follow-up`;
      for (const template of rotation(en ? phr.followEn : phr.followIt, caseId)) {
        const says = checkable(f.says, template);
        if (!says) continue;
        this.push({
          id: caseId,
          description: `${kind} ${id} «${titleOf(s.r)}»: ${f.field} (follow-up)`,
          tags: [`coverage:kind:${kind}`, `coverage:field:${f.field}`, 'coverage:phrasing:follow-up', `lang:${en ? 'en' : 'it'}`],
          turns: [
            { say: en ? `Tell me about ${s.names.en}` : `Parlami ${s.names.di}`, expect: { cites: [id] } },
            { say: template, expect: { cites: [id], says } },
          ],
        });
        return;
      }
    }
    if (held.length) this.skipped.push({ case: `cov.${kind}.${id}.follow-up`, reason: 'no follow-up could be asked without saying its answer' });
  }
}

/**
 * The checks without what the question already says (an answer repeating the question proves
 * nothing); an item left empty goes, and with none left the question cannot be checked.
 */
function checkable(says: string[][], question: string): string[][] | undefined {
  const kept = says.map((item) => item.filter((form) => !containsPhrase(question, form))).filter((item) => item.length > 0);
  return kept.length > 0 ? kept : undefined;
}

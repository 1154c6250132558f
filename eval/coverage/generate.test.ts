import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CatalogueRecord } from '../../domain/ports.js';
import { applyInTransaction } from '../../ingest/apply.js';
import { readSample } from '../../ingest/sample.js';
import { PgCatalogueReader } from '../../knowledge/catalogue/pg-catalogue-reader.js';
import type { PgliteDatabase } from '../../knowledge/db/pglite-database.js';
import type { Course, Initiative, Service, Site } from '../../domain/model/index.js';
import { openSampleStore } from '../../test/support/sample-store.js';
import { REFERENCE_NOW } from '../case-schema.js';
import type { EvalCase } from '../cases.js';
import { containsPhrase } from '../reply-text.js';
import { courseFacts, type FactContext } from './fields.js';
import { generateCoverage, SCHOOL_SAMPLE_EVERY, type CoverageSet } from './generate.js';

/**
 * Which fields a record holds, written apart from the generator: what it must ask about.
 * Lab fields are per lab when a site has several ("equipment.lab2"), else of the site.
 */
function heldFields(r: CatalogueRecord, today: string, seatsKnown: (id: string) => boolean): string[] {
  switch (r.kind) {
    case 'course': {
      const c: Course = r.record;
      return [
        'start', 'end', ...(c.schedule ? ['schedule'] : []), 'place', ...(c.cost !== undefined || c.costNote ? ['cost'] : []),
        ...(c.endDate >= today && (c.seats !== undefined || seatsKnown(c.id)) ? ['seats'] : []), ...(c.enrolmentDeadline ? ['deadline'] : []),
        ...(c.hours ? ['duration'] : []), 'level', 'mode', ...(c.audience.length || c.minAge !== undefined || c.audienceNote ? ['audience'] : []),
        ...(c.prerequisites ? ['prerequisites'] : []), ...(c.certificate ? ['certificate'] : []), 'provider', 'language', 'description',
      ];
    }
    case 'site': {
      const s: Site = r.record;
      const lab = (i: number) => (s.labs.length > 1 ? `.lab${i + 1}` : '');
      return [
        'address', ...(s.hours ? ['opening-hours'] : []), ...(s.labs.length ? ['labs'] : []),
        ...s.labs.flatMap((l, i) => [...(l.equipment.length ? [`equipment${lab(i)}`] : []), ...(l.capacity ? [`capacity${lab(i)}`] : [])]),
        ...(s.accessibility ? ['accessibility'] : []), ...(s.directions ? ['directions'] : []), ...(s.contacts.phone ? ['phone'] : []),
        ...(s.contacts.email ? ['email'] : []), ...(s.contacts.website ? ['website'] : []), 'provider',
      ];
    }
    case 'service': {
      const s: Service = r.record;
      return ['access', ...(s.documents.length ? ['documents'] : []), 'where', s.bookable && s.appointmentMinutes ? 'appointment' : 'booking', 'languages', 'cost', ...(s.audience.length || s.audienceNote ? ['audience'] : []), 'description'];
    }
    case 'initiative': {
      const i: Initiative = r.record;
      return ['dates', ...(i.applicationDeadline ? ['deadline'] : []), ...(i.audience.length || i.audienceNote ? ['audience'] : []), ...(i.sponsors.length ? ['sponsors'] : []), ...(i.site ? ['place'] : []), ...(i.howToApply || i.url ? ['apply'] : []), 'description'];
    }
    default:
      return [];
  }
}

const byId = (set: CoverageSet) => new Map(set.cases.map((c) => [c.id, c]));
const said = (c: EvalCase | undefined, turn = 0) => c?.turns[turn]?.say ?? '';
const checks = (c: EvalCase | undefined, turn = 0) => c?.turns[turn]?.expect?.says ?? [];

describe('coverage questions generated from the sample catalogue', () => {
  let db: PgliteDatabase;
  let reader: PgCatalogueReader;
  let set: CoverageSet;
  let records: CatalogueRecord[];
  const today = REFERENCE_NOW.slice(0, 10);

  beforeAll(async () => {
    ({ db } = await openSampleStore());
    reader = new PgCatalogueReader(db);
    set = await generateCoverage(reader, { now: REFERENCE_NOW });
    records = await reader.listRecords();
  });
  afterAll(async () => {
    await db?.close();
  });

  it('asks every field every record holds in a formal, a colloquial or typo, and an English question, or says why not', async () => {
    const cases = byId(set);
    const skipped = new Map(set.summary.skipped.map((s) => [s.case, s.reason]));
    const slotted = new Set((await reader.slotsFor(records.map((r) => r.record.id), REFERENCE_NOW)).filter((s) => s.kind === 'course').map((s) => s.ref));
    let asked = 0;
    for (const r of records) {
      for (const field of heldFields(r, today, (id) => slotted.has(id))) {
        const base = `cov.${r.kind}.${r.record.id}.${field}`;
        for (const phrasings of [['formal'], ['colloquial', 'typo'], ['en']]) {
          const ids = phrasings.map((p) => `${base}.${p}`);
          const id = ids.find((x) => cases.has(x));
          if (id) {
            asked++;
            expect(cases.get(id)!.tags).toEqual(expect.arrayContaining([`coverage:kind:${r.kind}`, `coverage:field:${field.split('.')[0]}`, `coverage:phrasing:${id.split('.').at(-1)}`]));
          } else expect(ids.some((x) => skipped.get(x)), `${base} ${phrasings.join('/')} is neither asked nor said to be skipped`).toBe(true);
        }
      }
    }
    expect(asked).toBeGreaterThan(3000);
    // Left out only where the question would give its own answer ("In che lingua è «Italiano L2»?").
    expect(set.summary.skipped.length).toBeLessThan(asked * 0.02);
    const counts: Record<string, number> = {};
    for (const r of records) counts[r.kind] = (counts[r.kind] ?? 0) + 1;
    expect(set.summary.records).toEqual(counts);
    expect(set.summary.cases).toBe(set.cases.length);
    expect(new Set(set.cases.map((c) => c.id)).size).toBe(set.cases.length);
  });

  it('words them as people do: the record named formally, or short and lower case without accents, or in English', () => {
    const cases = byId(set);
    expect(said(cases.get('cov.course.C001.start.formal'))).toMatch(/corso «Coding base: pensiero computazionale e primi programmi»/);
    expect(said(cases.get('cov.course.C001.start.en'))).toMatch(/«Coding base: pensiero computazionale e primi programmi»/);
    expect(said(cases.get('cov.course.C001.start.colloquial'))).toMatch(/coding base/);
    expect(said(cases.get('cov.site.S02.address.colloquial'))).toContain('fablab fermi');
    for (const c of set.cases.filter((x) => x.tags.includes('coverage:phrasing:formal') && !x.tags.includes('coverage:not-in-catalogue'))) {
      expect(c.tags).toContain('lang:it');
      expect(said(c)).toMatch(/«.+»/);
    }
    const informal = set.cases.filter((x) => x.tags.some((t) => t === 'coverage:phrasing:colloquial' || t === 'coverage:phrasing:typo'));
    expect(informal.length).toBeGreaterThan(1000);
    for (const c of informal) expect(said(c), c.id).toMatch(/^[a-z0-9 ?,./+-]+$/);
    for (const c of set.cases.filter((x) => x.tags.includes('coverage:phrasing:en'))) expect(c.tags).toContain('lang:en');
    // A third of the colloquial questions carry one wrong letter in a question word, never in the name.
    const typos = set.cases.filter((x) => x.tags.includes('coverage:phrasing:typo'));
    expect(typos.length / informal.length).toBeGreaterThan(0.25);
    expect(typos.length / informal.length).toBeLessThan(0.45);
  });

  it('checks each question for the record and for the fact, never for what the question itself says', () => {
    for (const c of set.cases.filter((x) => !x.tags.includes('coverage:not-in-catalogue'))) {
      const last = c.turns.at(-1)!;
      expect(last.expect?.cites ?? last.expect?.cites_any, c.id).toBeDefined();
      expect(last.expect?.says?.length, c.id).toBeGreaterThan(0);
      for (const item of last.expect!.says!) for (const form of [item].flat()) expect(containsPhrase(last.say!, form), `${c.id}: "${form}" is in "${last.say}"`).toBe(false);
    }
  });

  it('derives the facts from the fields: dates, amounts, seats left, phones, hours, documents, sponsors', () => {
    const cases = byId(set);
    expect(checks(cases.get('cov.course.C001.start.formal'))).toEqual([expect.arrayContaining(['12 gennaio', '12/01', '12 January', 'January 12'])]);
    expect(checks(cases.get('cov.course.C002.cost.formal'))).toEqual([['120']]);
    expect(checks(cases.get('cov.course.C001.cost.formal'))[0]).toEqual(expect.arrayContaining(['gratuit', 'free']));
    // SL001: 20 seats, 13 taken.
    expect(checks(cases.get('cov.course.C001.seats.formal'))[0]).toEqual(expect.arrayContaining(['7 posti', '7 su 20', '7 of 20', '7 seats']));
    expect(checks(cases.get('cov.course.C001.schedule.formal'))).toEqual([expect.arrayContaining(['martedì', 'Tuesday']), expect.arrayContaining(['14:30', '2:30 pm'])]);
    expect(checks(cases.get('cov.site.S02.phone.formal'))[0]).toEqual(expect.arrayContaining(['0376 000 102', '0376000102']));
    expect(checks(cases.get('cov.site.S02.opening-hours.formal'))).toEqual([expect.arrayContaining(['lunedì', 'Monday']), expect.arrayContaining(['8:00', '8 am'])]);
    expect(checks(cases.get('cov.site.S02.capacity.lab2.formal'))[0]).toEqual(expect.arrayContaining(['20 persone', '20 studenti', 'capienza 20']));
    expect(checks(cases.get('cov.site.S02.equipment.lab1.formal'))[0]).toEqual(expect.arrayContaining(['stampanti 3d', 'taglio laser']));
    expect(checks(cases.get('cov.service.SV01.documents.en'))).toEqual([expect.arrayContaining(['identit', 'identity']), expect.arrayContaining(['codic', 'tax code'])]);
    expect(checks(cases.get('cov.service.SV01.appointment.formal'))[0]).toEqual(expect.arrayContaining(['30 minuti', '30 minutes', "mezz'ora"]));
    expect(checks(cases.get('cov.initiative.IN01.sponsors.formal'))).toEqual([expect.arrayContaining(['officine padane']), expect.arrayContaining(['latteria virgiliana']), expect.arrayContaining(['logistica mincio'])]);
    expect(checks(cases.get('cov.initiative.IN01.dates.formal'))).toEqual([expect.arrayContaining(['16 novembre']), expect.arrayContaining(['29 maggio'])]);
  });

  it('checks a cost with its condition when the partner wrote one', () => {
    const ctx: FactContext = { today, sites: new Map(), comuni: new Map(), slots: new Map() };
    const course = readSample().courses!.find((c) => c.id === 'C011')!;
    const cost = (c: Course) => courseFacts(c, ctx).find((f) => f.field === 'cost')!.says;
    expect(cost({ ...course, cost: 900, costNote: 'Gratuito con Dote Unica Lavoro; altrimenti 900,00 €' })).toEqual([['900'], expect.arrayContaining(['dote', 'unica'])]);
    expect(cost({ ...course, cost: 180, costNote: '180,00 € (esami inclusi)' })).toEqual([['180'], expect.arrayContaining(['esami', 'exam'])]);
    const { cost: _, ...noAmount } = course;
    expect(cost({ ...noAmount, costNote: 'Tasse universitarie secondo reddito' })).toEqual([expect.arrayContaining(['tasse', 'reddit'])]);
    expect(cost({ ...course, cost: 1200 })).toEqual([['1200', '1.200']]);
  });

  it('follows every course, site, service and initiative up with a question that does not name it', () => {
    const followUps = set.cases.filter((c) => c.tags.includes('coverage:phrasing:follow-up'));
    const subjects = new Set(followUps.map((c) => c.id.split('.').slice(1, 3).join('.')));
    for (const r of records) expect(subjects.has(`${r.kind}.${r.record.id}`), `${r.kind} ${r.record.id}`).toBe(true);
    for (const c of followUps) {
      const id = c.id.split('.')[2]!;
      expect(c.turns).toHaveLength(2);
      expect(said(c, 0)).toMatch(/^(Parlami (del|della|dell'|dell’)|Tell me about )/);
      expect(c.turns[0]!.expect?.cites).toEqual([id]);
      expect(c.turns[1]!.expect?.cites).toEqual([id]);
      expect(said(c, 1)).not.toMatch(/«/);
      expect(checks(c, 1).length).toBeGreaterThan(0);
    }
  });

  it('gives the same questions every time', async () => {
    const again = await generateCoverage(reader, { now: REFERENCE_NOW });
    expect(again.cases).toEqual(set.cases);
  });

  it('asks topics the catalogue lacks, and stops asking one once a record holds it', async () => {
    const nic = set.cases.filter((c) => c.tags.includes('coverage:not-in-catalogue'));
    expect(nic.every((c) => c.turns[0]!.expect?.dont_know === true)).toBe(true);
    // The sample has an HACCP course: asking for one is no test of "I don't know".
    expect(set.summary.notInCatalogue.dropped.map((d) => d.topic)).toContain('haccp');
    expect(nic.some((c) => c.id.startsWith('cov.none.haccp.'))).toBe(false);
    expect(set.summary.notInCatalogue.asked).toContain('yoga');
    expect(nic.filter((c) => c.id.startsWith('cov.none.yoga.')).map((c) => c.tags.find((t) => t.startsWith('lang:')))).toEqual(['lang:it', 'lang:it', 'lang:en']);

    const course = readSample().courses!.find((c) => c.id === 'C001')!;
    await applyInTransaction(db, { courses: [{ ...course, id: 'C900', title: 'Benessere a scuola', description: 'Respirazione e posture dello yoga per studenti.', after: [] }] }, 'test');
    try {
      const now = await generateCoverage(reader, { now: REFERENCE_NOW });
      expect(now.summary.notInCatalogue.dropped).toContainEqual({ topic: 'yoga', key: 'yoga' });
      expect(now.cases.some((c) => c.id.startsWith('cov.none.yoga.'))).toBe(false);
    } finally {
      await db.query("DELETE FROM courses WHERE id = 'C900'");
      await applyInTransaction(db, {}, 'test');
    }
  });

  it('asks every school its address, one in ten the rest, and names namesakes together', async () => {
    const schools = Array.from({ length: 21 }, (_, i) => ({
      id: `MNEE9${String(i).padStart(4, '0')}X`,
      name: i === 20 ? 'SCUOLA PRIMARIA 0' : `SCUOLA PRIMARIA ${i}`,
      type: 'SCUOLA PRIMARIA',
      address: `VIA DELLE SCUOLE ${i + 1}`,
      cadastralCode: 'E897',
      email: `mnee9${i}@istruzione.it`,
      website: `www.primaria${i}.edu.it`,
      state: true,
    }));
    await applyInTransaction(db, { schools }, 'test');
    try {
      const now = await generateCoverage(reader, { now: REFERENCE_NOW });
      const cases = byId(now);
      expect(now.summary.schools).toMatchObject({ total: 21, everySchool: ['address'], sampled: Math.ceil(21 / SCHOOL_SAMPLE_EVERY) });
      for (const [i, s] of schools.entries()) {
        const sampled = i % SCHOOL_SAMPLE_EVERY === 0;
        expect(cases.has(`cov.school.${s.id}.address.formal`) || now.summary.skipped.some((k) => k.case === `cov.school.${s.id}.address.formal`)).toBe(true);
        expect(cases.has(`cov.school.${s.id}.website.en`), s.id).toBe(sampled);
      }
      expect(said(cases.get(`cov.school.${schools[1]!.id}.address.formal`))).toMatch(/scuola primaria «Scuola Primaria 1» di Mantova/i);
      expect(checks(cases.get(`cov.school.${schools[1]!.id}.address.formal`))).toEqual([expect.arrayContaining(['via delle scuole 2'])]);
      // Two schools of the same name, type and town: either is right, with its own address.
      const twin = cases.get(`cov.school.${schools[20]!.id}.address.formal`)!;
      expect(twin.turns[0]!.expect).toMatchObject({ cites_any: [schools[0]!.id, schools[20]!.id] });
      expect(checks(twin)[0]).toEqual(expect.arrayContaining(['via delle scuole 1', 'via delle scuole 21']));
    } finally {
      await db.query("DELETE FROM schools WHERE id LIKE 'MNEE9%'");
      await applyInTransaction(db, {}, 'test');
    }
  });
});

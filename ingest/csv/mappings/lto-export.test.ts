import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ComuneLookup, type IngestContext } from '../../context.js';
import { formatProblem } from '../../problems.js';
import type { SourceBatch } from '../../records.js';
import { detectCsvMapping, readMappedCsv } from '../read-mapped.js';

const DATA = fileURLToPath(new URL('../../../../shared/data/', import.meta.url));
const LTO = join(DATA, 'lto-export');
const tmp = mkdtempSync(join(tmpdir(), 'orienta-lto-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

let ctx: IngestContext;
beforeAll(async () => {
  // As staff would run it: the ISTAT comuni first, then the partner's export.
  const istat = await readMappedCsv(join(DATA, 'istat/ISTAT_codici_comuni_20230630_MANTOVA.csv'), 'istat.csv', { comuni: new ComuneLookup() });
  ctx = { comuni: new ComuneLookup(istat.records.comuni) };
});

const read = (file: string) => readMappedCsv(join(LTO, file), file, ctx);
const problemsOf = (b: SourceBatch) => b.problems.map(formatProblem);

describe('the LTO export', () => {
  it('is recognised file by file', async () => {
    const names = await Promise.all(['sedi', 'corsi', 'servizi', 'iniziative', 'calendario'].map((f) => detectCsvMapping(join(LTO, `${f}.csv`))));
    expect(names).toEqual(['lto-sedi', 'lto-corsi', 'lto-servizi', 'lto-iniziative', 'lto-calendario']);
  });

  it('loads every site, service, initiative and slot with no problem', async () => {
    const [sedi, servizi, iniziative, calendario] = await Promise.all(['sedi.csv', 'servizi.csv', 'iniziative.csv', 'calendario.csv'].map(read));
    expect(problemsOf(sedi!)).toEqual([]);
    expect(problemsOf(servizi!)).toEqual([]);
    expect(problemsOf(iniziative!)).toEqual([]);
    expect(problemsOf(calendario!)).toEqual([]);
    expect(sedi!.records.sites).toHaveLength(21);
    expect(servizi!.records.services).toHaveLength(13);
    expect(iniziative!.records.initiatives).toHaveLength(8);
    expect(calendario!.records.slots).toHaveLength(114);
  });

  it('loads all 38 courses, keeping in words a cost that has no amount', async () => {
    const corsi = await read('corsi.csv');
    expect(corsi.read).toBe(38);
    expect(problemsOf(corsi)).toEqual([]);
    expect(corsi.records.courses).toHaveLength(38);
    const c026 = corsi.records.courses!.find((c) => c.id === 'C026')!;
    expect(c026.cost).toBeUndefined();
    expect(c026.costNote).toBe('Tasse universitarie secondo reddito');
    expect(c026.hours).toBeUndefined();
    expect(c026.seats).toBeUndefined();
    expect(corsi.records.courses!.find((c) => c.id === 'C028')!.hours).toBeUndefined();
  });

  it('reads sites: comune by name, kind, school code, labs and contacts', async () => {
    const sites = (await read('sedi.csv')).records.sites!;
    const byId = new Map(sites.map((s) => [s.id, s]));
    expect(byId.get('S03')).toMatchObject({ comune: '020066', postcode: '46019', kind: 'school_lab', schoolCode: 'MNIS00700V', provider: 'IS E.SANFELICE' });
    expect(byId.get('S02')!.labs).toEqual([
      { name: 'FabLab, Robotica educativa, IoT', equipment: ['stampanti 3D', 'fresatrice CNC da banco', 'kit Arduino e ESP32', 'robot educativi', 'saldatori per elettronica'], capacity: 25 },
    ]);
    expect(byId.get('S15')).toMatchObject({ kind: 'job_centre', labs: [], description: 'Si riceve su appuntamento', contacts: { phone: '0376 000115', email: 'cpi.mantova@provincia.lto-mantova.example' } });
    expect(Object.fromEntries(sites.map((s) => [s.id, s.kind]))).toMatchObject({
      S01: 'hub', S08: 'school_lab', S10: 'training_centre', S11: 'training_centre', S12: 'university', S13: 'cpia', S14: 'cpia', S20: 'job_centre', S21: 'chamber',
    });
  });

  it('reads courses: C001 at S02, free, with its dates and its two-line description', async () => {
    const courses = (await read('corsi.csv')).records.courses!;
    const c001 = courses.find((c) => c.id === 'C001')!;
    expect(c001).toMatchObject({
      site: 'S02', cost: 0, startDate: '2027-01-13', endDate: '2027-02-17', enrolmentDeadline: '2026-12-20', hours: 20, seats: 15,
      level: 'beginner', mode: 'presence', language: 'it', topic: 'Fabbricazione digitale', audience: ['students'], audienceNote: 'Studenti 14-19 anni',
    });
    expect(c001.description).toBe('Impari a disegnare un oggetto in 3D con software gratuiti (Tinkercad, FreeCAD) e a stamparlo.\nOgni partecipante porta a casa il proprio prototipo.');
    expect(c001.costNote).toBeUndefined();
    expect(c001.prerequisites).toBeUndefined(); // "Nessuno"
  });

  it('reads prices, levels, modes and audiences the way the export writes them', async () => {
    const byId = new Map((await read('corsi.csv')).records.courses!.map((c) => [c.id, c]));
    expect(byId.get('C005')).toMatchObject({ cost: 120, level: 'intermediate', audience: ['unemployed', 'adults', 'companies'] });
    expect(byId.get('C012')).toMatchObject({ cost: 350, minAge: 18 });
    expect(byId.get('C011')).toMatchObject({ cost: 900, costNote: 'Gratuito con Dote Unica Lavoro; altrimenti 900,00 €' });
    expect(byId.get('C035')).toMatchObject({ cost: 30, costNote: '30,00 € (materiali)' });
    expect(byId.get('C003')).toMatchObject({ mode: 'blended' });
    expect(byId.get('C018')).toMatchObject({ mode: 'online', audience: ['teachers'] });
    expect(byId.get('C022')).toMatchObject({ level: 'beginner', hours: 2970 }); // "Qualifica professionale"
    expect(byId.get('C025')).toMatchObject({ level: 'advanced', audience: ['adults'] }); // "Post-diploma (ITS)", 18-29 anni
    expect(byId.get('C015')).toMatchObject({ audience: [], audienceNote: 'Cittadini di ogni età' });
    expect(byId.get('C007')!.audience).toEqual(['foreigners', 'adults']);
  });

  it('reads services and initiatives', async () => {
    const services = new Map((await read('servizi.csv')).records.services!.map((s) => [s.id, s]));
    expect(services.get('SV01')).toMatchObject({ category: 'orientation', bookable: true, appointmentMinutes: 45, sites: ['S15', 'S16', 'S17', 'S18', 'S19', 'S20'], languages: ['it', 'en'], cost: 0 });
    expect(services.get('SV09')).toMatchObject({ category: 'self_employment', bookable: false, documents: [] });
    expect(services.get('SV11')!.languages).toEqual(['it', 'en', 'fr', 'ar', 'pa']);
    expect(services.get('SV03')!.documents).toEqual(["Il tuo curriculum, se ce l'hai"]);
    const initiatives = new Map((await read('iniziative.csv')).records.initiatives!.map((i) => [i.id, i]));
    expect(initiatives.get('I01')).toMatchObject({
      kind: 'call', startDate: '2026-12-01', endDate: '2027-04-15', applicationDeadline: '2027-01-31', site: 'S01',
      sponsors: ['Officine del Mincio S.r.l.', 'AgriTech Padana S.p.A.', 'Studio Virgilio Digital'],
    });
    expect(initiatives.get('I01')!.howToApply).toMatch(/^Il docente referente iscrive la squadra/);
    expect([...initiatives.values()].map((i) => i.kind)).toEqual(['call', 'call', 'event', 'open_day', 'hackathon', 'event', 'open_day', 'event']);
  });

  it('reads slots: whole-day enrolments and timed slots with the Italian offset', async () => {
    const slots = new Map((await read('calendario.csv')).records.slots!.map((s) => [s.id, s]));
    expect(slots.get('P001')).toEqual({ id: 'P001', kind: 'course', ref: 'C001', site: 'S02', start: '2027-01-13T00:00:00+01:00', end: '2027-01-14T00:00:00+01:00', allDay: true, capacity: 15, taken: 6 });
    expect(slots.get('P037')).toMatchObject({ kind: 'appointment', start: '2026-11-30T09:00:00+01:00', end: '2026-11-30T09:45:00+01:00', allDay: false, taken: 1 });
    expect(slots.get('P089')).toMatchObject({ kind: 'lab', ref: 'SV12' });
    expect(slots.get('P113')).toMatchObject({ kind: 'event', ref: 'I04', capacity: 80 });
  });

  it('writes a summer slot with +02:00', async () => {
    const path = join(tmp, 'calendario-estate.csv');
    writeFileSync(path, '\uFEFFCodice slot;Tipo;Riferimento;Codice sede;Data;Ora inizio;Ora fine;Posti;Posti occupati\r\nP900;Evento;I03;S01;14/05/2027;9.30;13:00;80;0\r\nP901;Evento;I03;S01;28/03/2027;;;80;0\r\n');
    const slots = (await readMappedCsv(path, 'estate.csv', ctx)).records.slots!;
    expect(slots[0]).toMatchObject({ start: '2027-05-14T09:30:00+02:00', end: '2027-05-14T13:00:00+02:00' });
    // The day the clocks go forward is 23 hours long.
    expect(slots[1]).toMatchObject({ start: '2027-03-28T00:00:00+01:00', end: '2027-03-29T00:00:00+02:00', allDay: true });
  });

  it('asks for the ISTAT comuni when the sites come first', async () => {
    const sedi = await readMappedCsv(join(LTO, 'sedi.csv'), 'sedi.csv', { comuni: new ComuneLookup() });
    expect(sedi.records.sites).toEqual([]);
    expect(sedi.problems).toHaveLength(21);
    expect(formatProblem(sedi.problems[0]!)).toBe(
      'sedi.csv, line 2, column "Comune": unknown comune "Mantova" (no comuni are known yet): ingest the ISTAT list of comuni first, or in the same command',
    );
  });
});

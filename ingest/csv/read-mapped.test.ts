import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isOrientaError } from '../../domain/errors.js';
import { ComuneLookup } from '../context.js';
import { formatProblem } from '../problems.js';
import { detectCsvMapping, readMappedCsv } from './read-mapped.js';

const tmp = mkdtempSync(join(tmpdir(), 'orienta-mapped-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const ctx = { comuni: new ComuneLookup([{ code: '020066', cadastralCode: 'L826', name: 'Viadana', province: 'MN' }]) };

const HEADER = 'Codice corso;Titolo;Ente erogatore;Codice sede;Area tematica;Livello;Destinatari;Modalità;Durata (ore);Data inizio;Data fine;Giorni e orari;Costo;Posti;Scadenza iscrizioni;Certificazione;Requisiti;Descrizione;Lingua';
const course = (code: string, start = '13/01/2027', extra: Partial<Record<'hours' | 'cost', string>> = {}) =>
  `${code};Corso ${code};Ente;S02;Coding;Base;Studenti;In presenza;${extra.hours ?? '20'};${start};17/02/2027;lunedì;${extra.cost ?? 'Gratuito'};15;;;;Descrizione di ${code};Italiano`;

function csv(name: string, lines: string[], encoding: BufferEncoding = 'utf8'): string {
  const path = join(tmp, name);
  writeFileSync(path, Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`.replace(encoding === 'latin1' ? '\uFEFF' : '', ''), encoding));
  return path;
}

async function load(name: string, lines: string[]) {
  const batch = await readMappedCsv(csv(name, lines), name, ctx);
  return { batch, ids: (batch.records.courses ?? []).map((c) => c.id), problems: batch.problems.map(formatProblem) };
}

describe('readMappedCsv on bad input', () => {
  it('reports an impossible date with its line and column, and loads the other rows', async () => {
    const { ids, problems, batch } = await load('date.csv', [HEADER, course('C001'), course('C002', '31/02/2027'), course('C003')]);
    expect(ids).toEqual(['C001', 'C003']);
    expect(problems).toEqual(['date.csv, line 3, column "Data inizio": "31/02/2027" is not a date (dd/mm/yyyy)']);
    expect(batch.read).toBe(3);
  });

  it('parses a value once per file but reports it on every row, and gives each record lists of its own', async () => {
    const { ids, problems, batch } = await load('repeat.csv', [HEADER, course('C001'), course('C002', '31/02/2027'), course('C003'), course('C004', '31/02/2027')]);
    expect(ids).toEqual(['C001', 'C003']);
    expect(problems).toEqual([
      'repeat.csv, line 3, column "Data inizio": "31/02/2027" is not a date (dd/mm/yyyy)',
      'repeat.csv, line 5, column "Data inizio": "31/02/2027" is not a date (dd/mm/yyyy)',
    ]);
    const [a, b] = batch.records.courses!;
    expect(a!.audience).toEqual(b!.audience);
    expect(a!.audience).not.toBe(b!.audience);
    expect(a!.startDate).toBe(b!.startDate);
  });

  it('keeps the first of two rows with the same code', async () => {
    const { ids, problems } = await load('dup.csv', [HEADER, course('C001'), course('C002'), course('C001', '20/01/2027')]);
    expect(ids).toEqual(['C001', 'C002']);
    expect(problems).toEqual(['dup.csv, line 4, column "Codice corso": duplicate code C001: already on line 2; this row is skipped']);
  });

  it('reports an unknown column once and still loads the rows', async () => {
    const { ids, problems } = await load('extra.csv', [`${HEADER};Referente`, `${course('C001')};Rossi`, `${course('C002')};Bianchi`]);
    expect(ids).toEqual(['C001', 'C002']);
    expect(problems).toEqual(['extra.csv, line 1, column "Referente": unknown column, its values are ignored (not part of the LTO courses export (corsi.csv))']);
  });

  it('reports a value the model refuses and an unknown word; optional cells may be empty', async () => {
    const { ids, problems } = await load('missing.csv', [
      HEADER,
      course('C001', '13/01/2027', { hours: '' }),
      course('C002').replace(';Base;', ';Esperto;'),
      course('C003', '13/01/2027', { hours: '0' }),
      course('C004', '13/01/2027', { cost: 'a offerta libera' }),
      course('C005').replace('17/02/2027', '01/01/2027'),
      course('C006'),
    ]);
    // Hours may be unstated, and a cost in words only ("a offerta libera") is kept as a note.
    expect(ids).toEqual(['C001', 'C004', 'C006']);
    expect(problems).toEqual([
      expect.stringMatching(/^missing\.csv, line 3, column "Livello": "Esperto" is not a known level \(known: /),
      expect.stringMatching(/^missing\.csv, line 4, column "Durata \(ore\)": "0": Too small/),
      'missing.csv, line 6, column "Data fine": "01/01/2027": endDate must not be before startDate',
    ]);
  });

  it('refuses to read any row when a required column is missing', async () => {
    const header = HEADER.replace(';Area tematica', '');
    const row = course('C001').replace(';Coding;', ';');
    const { ids, problems } = await load('nocol.csv', [header, row]);
    expect(ids).toEqual([]);
    expect(problems).toEqual(['nocol.csv, line 1, column "Area tematica": required column missing: no row can be read without it']);
  });

  it('reads a Latin-1 export like a UTF-8 one', async () => {
    const path = csv('latin1.csv', [HEADER, course('C001').replace('Corso C001', 'Attività di città')], 'latin1');
    const batch = await readMappedCsv(path, 'latin1.csv', ctx);
    expect(batch.problems).toEqual([]);
    expect(batch.records.courses![0]).toMatchObject({ title: 'Attività di città', mode: 'presence' });
  });

  it('says which layouts it knows when the header fits none', async () => {
    const path = csv('other.csv', ['Nome;Cognome;Telefono', 'Mario;Rossi;0376']);
    expect(await detectCsvMapping(path)).toBeNull();
    const batch = await readMappedCsv(path, 'other.csv', ctx);
    expect(batch.records).toEqual({});
    expect(batch.problems).toHaveLength(1);
    expect(batch.problems[0]!.message).toMatch(/^header not recognised: expected the columns of one of the LTO sites export \(sedi\.csv\) \(Codice sede, Nome sede, Indirizzo, Comune\); .*; unknown columns: Nome, Cognome$/);
  });

  it('refuses a file with the wrong separator and a binary file renamed .csv', async () => {
    const tabs = csv('tabs.csv', [HEADER.replaceAll(';', '\t'), course('C001').replaceAll(';', '\t')]);
    await expect(readMappedCsv(tabs, 'tabs.csv', ctx)).rejects.toSatisfy((e) => isOrientaError(e, 'INPUT_INVALID') && /^tabs\.csv: .*single column/.test((e as Error).message));
    const binary = join(tmp, 'sedi.csv');
    writeFileSync(binary, Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0x08, 0x00]));
    await expect(readMappedCsv(binary, 'sedi.csv', ctx)).rejects.toThrow(/^sedi\.csv: this is a binary file/);
  });

  it('reads sites of a known comune and names an unknown one', async () => {
    const header = 'Codice sede;Nome sede;Ente;Codice meccanografico;Indirizzo;CAP;Comune;Laboratori;Attrezzature;Orari di apertura;Capienza laboratorio;Accessibilità;Come arrivare;Telefono;Email;Note';
    const path = csv('sedi.csv', [header, 'S03;Lab;IS E.SANFELICE;mnis00700v;Via Sanfelice 8;46019;VIADANA;FabLab;stampanti 3D;;12;;;;;', 'S99;Lab;Ente;;Via Roma 1;46100;Atlantide;;;;;;;;LAB@X.IT;']);
    const batch = await readMappedCsv(path, 'sedi.csv', ctx);
    expect(batch.records.sites).toEqual([
      expect.objectContaining({ id: 'S03', comune: '020066', schoolCode: 'MNIS00700V', kind: 'school_lab', labs: [{ name: 'FabLab', equipment: ['stampanti 3D'], capacity: 12 }] }),
    ]);
    expect(batch.problems.map(formatProblem)).toEqual([
      'sedi.csv, line 3, column "Comune": unknown comune "Atlantide" (not one of the 1 comuni known): ingest the ISTAT list of comuni first, or in the same command',
    ]);
  });
});

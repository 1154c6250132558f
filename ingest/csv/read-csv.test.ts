import { mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { isOrientaError } from '../../domain/errors.js';
import { parse } from 'csv-parse/sync';
import { parseCsv, readCsv } from './read-csv.js';

// The shared test data, next to the project: ../shared/data from the project root.
const DATA = fileURLToPath(new URL('../../../shared/data/', import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), 'orienta-csv-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function temp(name: string, content: string | Buffer): string {
  const path = join(tmp, name);
  writeFileSync(path, content);
  return path;
}

async function refusal(path: string, label = path): Promise<string> {
  try {
    await readCsv(path, label);
  } catch (e) {
    expect(isOrientaError(e, 'INPUT_INVALID')).toBe(true);
    return (e as Error).message;
  }
  throw new Error('expected the file to be refused');
}

describe('readCsv on the real files', () => {
  it('reads an Excel export: UTF-8 with BOM, ";", CRLF, a description on two lines', async () => {
    const t = await readCsv(join(DATA, 'lto-export/corsi.csv'), 'corsi.csv');
    expect(t).toMatchObject({ encoding: 'utf-8', separator: ';', problems: [] });
    expect(t.header[0]).toBe('Codice corso');
    expect(t.header).toContain('Modalità');
    expect(t.rows).toHaveLength(38);
    const description = t.header.indexOf('Descrizione');
    expect(t.rows[0]).toMatchObject({ line: 2 });
    expect(t.rows[0]!.cells[description]).toBe(
      'Impari a disegnare un oggetto in 3D con software gratuiti (Tinkercad, FreeCAD) e a stamparlo.\nOgni partecipante porta a casa il proprio prototipo.',
    );
    expect(t.rows[1]).toMatchObject({ line: 4 }); // C002 starts after C001's two lines
    expect(t.rows[1]!.cells[0]).toBe('C002');
  });

  it('reads the ISTAT list: Latin-1, header cells with line breaks, padded codes', async () => {
    const t = await readCsv(join(DATA, 'istat/ISTAT_codici_comuni_20230630_MANTOVA.csv'));
    expect(t).toMatchObject({ encoding: 'latin1', separator: ';' });
    expect(t.header[1]).toBe("Codice dell'Unità territoriale sovracomunale (valida a fini statistici)");
    expect(t.header).toContain('Tipologia di Unità territoriale sovracomunale');
    expect(t.rows).toHaveLength(64);
    const mantova = t.rows.find((r) => r.cells[4] === '020030')!;
    expect(mantova.line).toBe(28);
    expect(mantova.cells[3]).toBe('030'); // " 030 " in the file
  });

  it('reads the MIUR registry: UTF-8 without BOM, ",", quoted names', async () => {
    const t = await readCsv(join(DATA, 'miur/SCUANAGRAFEPAR20232420230901_MANTOVA.csv'));
    expect(t).toMatchObject({ encoding: 'utf-8', separator: ',' });
    expect(t.rows).toHaveLength(46);
    expect(t.rows[0]!.cells[5]).toBe('SCUOLA MATERNA COMUNALE"ERMANNO BACCAGLIONI"SOLFERINO');
  });
});

describe('readCsv on bad input', () => {
  it('reads a Latin-1 file with its accents', async () => {
    const t = await readCsv(temp('latin1.csv', Buffer.from('Codice;Città;Attività\r\nC1;Mantova;Però sì\r\n', 'latin1')));
    expect(t.encoding).toBe('latin1');
    expect(t.header).toEqual(['Codice', 'Città', 'Attività']);
    expect(t.rows[0]!.cells).toEqual(['C1', 'Mantova', 'Però sì']);
  });

  it('refuses a header with a single column, naming the separators it expects', async () => {
    const message = await refusal(temp('tabs.csv', 'Codice\tNome\nC1\tUno\n'), 'tabs.csv');
    expect(message).toMatch(/^tabs\.csv: .*single column.*";" or ","/);
  });

  it('refuses a binary file renamed .csv', async () => {
    const zip = Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00, 0x08, 0x00, 0x00, 0x00, 0x21, 0x00]);
    expect(await refusal(temp('corsi.csv', zip), 'corsi.csv')).toMatch(/^corsi\.csv: this is a binary file/);
  });

  it('refuses an empty file, even one with just a BOM and blank lines', async () => {
    expect(await refusal(temp('empty.csv', ''), 'empty.csv')).toBe('empty.csv: the file is empty');
    expect(await refusal(temp('bom.csv', '\uFEFF\r\n\r\n'), 'bom.csv')).toBe('bom.csv: the file is empty');
  });

  it('refuses a file over 20 MB without reading it', async () => {
    const path = temp('huge.csv', 'a;b\n');
    truncateSync(path, 21 * 1024 * 1024);
    expect(await refusal(path, 'huge.csv')).toMatch(/^huge\.csv: the file is 21\.0 MB; .*20 MB/);
  });

  it('reports a row with the wrong number of cells and keeps the others', async () => {
    const t = await readCsv(temp('count.csv', 'a;b;c\n1;2;3\n4;5\n6;7;8;9\n10;11;12\n;;\n'), 'count.csv');
    expect(t.rows.map((r) => [r.line, r.cells[0]])).toEqual([
      [2, '1'],
      [5, '10'],
    ]);
    expect(t.problems).toEqual([
      { file: 'count.csv', line: 3, message: expect.stringContaining('the row has 2 cells but the header has 3') },
      { file: 'count.csv', line: 4, message: expect.stringContaining('the row has 4 cells but the header has 3') },
    ]);
  });

  it('counts physical lines across quoted line breaks, blank lines and mixed line endings', async () => {
    const t = await readCsv(temp('lines.csv', 'a,b\r\n1,"x\r\ny"\r\n\r\n2,z\r\n3,"p\nq"\n4,w'));
    expect(t.rows.map((r) => [r.line, r.cells[1]])).toEqual([
      [2, 'x\ny'],
      [5, 'z'],
      [6, 'p\nq'],
      [8, 'w'],
    ]);
  });

  it('reads a file without quotes (the fast path) exactly as csv-parse reads it', () => {
    const text = 'a;b;c\r\n\r\n 1 ;;3\r\nx;y\n\n\n4;5;6;\n;;\nlast;row;here';
    const t = parseCsv(new TextEncoder().encode(text), 'plain.csv');
    const expected = (parse(text.replace(/\r\n?/g, '\n'), { delimiter: ';', info: true, relax_column_count: true, skip_empty_lines: true }) as unknown as {
      record: string[];
      info: { lines: number };
    }[])
      .slice(1)
      .map((e) => ({ line: e.info.lines, cells: e.record.map((c) => c.trim()) }))
      .filter((e) => e.cells.some((c) => c !== '')); // bare separators are dropped, as for any file
    expect(t.rows).toEqual(expected.filter((e) => e.cells.length === 3));
    expect(t.problems.map((p) => p.line)).toEqual(expected.filter((e) => e.cells.length !== 3).map((e) => e.line));
    expect(t.rows.map((r) => [r.line, r.cells[0]])).toEqual([[3, '1'], [9, 'last']]);
  });

  it('refuses a broken quote with the line', async () => {
    expect(await refusal(temp('quote.csv', 'a;b\n1;"x\n2;y\n'), 'quote.csv')).toMatch(/^quote\.csv.*not a readable CSV/);
  });
});

describe('readCsv on paths that are not files', () => {
  it('refuses a missing file and a directory with INPUT_INVALID', async () => {
    expect(await refusal(join(tmp, 'nope.csv'), 'nope.csv')).toMatch(/^nope\.csv: cannot read the file/);
    expect(await refusal(tmp, 'dir.csv')).toMatch(/^dir\.csv: cannot read the file/);
  });
});

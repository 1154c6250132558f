import { resolve } from 'node:path';
import { readFile } from 'node:fs/promises';
import type { SourceBatch } from '../records.js';
import { buildBatch, checkSize, emptyBatch, errorMessage, fileTitle, type Passage } from './passages.js';
import { extractInWorker, PDF_LIMITS, PdfNotRead, type PdfLimits } from './pdf-extract.js';
import type { Line, PdfText } from './pdf-text.js';

/**
 * A PDF brochure read page by page, cut where a line is set larger than the body text, so chunks
 * keep their page and section. The text is read in a worker within `limits` (see pdf-extract.ts).
 */
export async function readPdf(path: string, label = path, limits: PdfLimits = PDF_LIMITS): Promise<SourceBatch> {
  const size = await checkSize(path, label);
  if (typeof size !== 'number') return emptyBatch(label, size);
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await readFile(path));
  } catch (e) {
    return emptyBatch(label, { file: label, message: `cannot read the file: ${errorMessage(e)}` });
  }
  if (!hasPdfHeader(bytes)) return emptyBatch(label, { file: label, message: 'not a readable PDF: the file does not start with a PDF header' });

  let extracted: PdfText;
  try {
    extracted = await extractInWorker(bytes, limits);
  } catch (e) {
    if (e instanceof PdfNotRead && e.refused) return emptyBatch(label, { file: label, message: `rejected, nothing of it was loaded: ${e.message}` });
    return emptyBatch(label, { file: label, message: `not a readable PDF: ${errorMessage(e)}` });
  }
  const { metaTitle, pages } = extracted;
  if (pages.every((p) => p.length === 0)) {
    return emptyBatch(label, { file: label, message: 'no text to read: the PDF has no text layer (a scan needs OCR first)' });
  }
  const title = metaTitle ?? pages.find((p) => p.length > 0)?.[0]?.text ?? fileTitle(path);
  return buildBatch(label, title, toPassages(pages), resolve(path));
}

/** Headings are lines set larger than the body; the larger, the outer. They carry over to the next page. */
function toPassages(pages: Line[][]): Passage[] {
  const body = bodySize(pages.flat());
  const headingSizes = [...new Set(pages.flat().filter((l) => isHeading(l, body)).map((l) => round(l.size)))].sort((a, b) => b - a);
  const stack: { level: number; text: string }[] = [];
  const passages: Passage[] = [];
  pages.forEach((lines, index) => {
    const page = index + 1;
    let paragraphs: string[] = [];
    let previous: Line | undefined;
    const flush = () => {
      const text = paragraphs.join('').trim();
      if (text) passages.push({ headings: stack.map((h) => h.text), text, page });
      paragraphs = [];
      previous = undefined;
    };
    for (const line of lines) {
      if (isHeading(line, body)) {
        flush();
        const level = headingSizes.indexOf(round(line.size)) + 1;
        while (stack.length > 0 && stack.at(-1)!.level >= level) stack.pop();
        stack.push({ level, text: line.text });
        continue;
      }
      // Wrapped lines join with a space; a wider gap than usual between lines starts a new paragraph.
      const gap = previous ? previous.y - line.y : 0;
      const separator = !previous ? '' : gap > line.size * 1.8 || gap < 0 ? '\n\n' : ' ';
      paragraphs.push(separator + line.text);
      previous = line;
    }
    flush();
  });
  return passages;
}

function bodySize(lines: Line[]): number {
  const weight = new Map<number, number>();
  for (const l of lines) weight.set(round(l.size), (weight.get(round(l.size)) ?? 0) + l.text.length);
  return [...weight.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 0;
}

function isHeading(line: Line, body: number): boolean {
  return body > 0 && line.size >= body * 1.15 && line.text.length <= 150 && /\p{L}/u.test(line.text);
}

function round(size: number): number {
  return Math.round(size * 2) / 2;
}

function hasPdfHeader(bytes: Uint8Array): boolean {
  // The spec lets junk precede the header; readers accept it within the first kilobyte.
  return Buffer.from(bytes.subarray(0, 1024)).includes('%PDF-');
}

import { resolve } from 'node:path';
import { readFile } from 'node:fs/promises';
import { getResolvedPDFJS } from 'unpdf';
import type { SourceBatch } from '../records.js';
import { buildBatch, checkSize, emptyBatch, errorMessage, fileTitle, type Passage } from './passages.js';

/** A corrupt file can make a parser spin: past this the read is abandoned and reported. */
const PDF_TIMEOUT_MS = 60_000;

interface Line {
  text: string;
  size: number;
  y: number;
}

/**
 * A PDF brochure read page by page (unpdf's serverless PDF.js: no worker, no font or CMap downloads),
 * cut where a line is set larger than the body text, so chunks keep their page and section.
 */
export async function readPdf(path: string, label = path): Promise<SourceBatch> {
  const size = await checkSize(path, label);
  if (typeof size !== 'number') return emptyBatch(label, size);
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await readFile(path));
  } catch (e) {
    return emptyBatch(label, { file: label, message: `cannot read the file: ${errorMessage(e)}` });
  }
  if (!hasPdfHeader(bytes)) return emptyBatch(label, { file: label, message: 'not a readable PDF: the file does not start with a PDF header' });

  let extracted: { metaTitle?: string; pages: Line[][] };
  try {
    extracted = await extract(bytes);
  } catch (e) {
    return emptyBatch(label, { file: label, message: `not a readable PDF: ${errorMessage(e)}` });
  }
  const { metaTitle, pages } = extracted;
  if (pages.every((p) => p.length === 0)) {
    return emptyBatch(label, { file: label, message: 'no text to read: the PDF has no text layer (a scan needs OCR first)' });
  }
  const title = metaTitle ?? pages.find((p) => p.length > 0)?.[0]?.text ?? fileTitle(path);
  return buildBatch(label, title, toPassages(pages), resolve(path));
}

async function extract(data: Uint8Array): Promise<{ metaTitle?: string; pages: Line[][] }> {
  const { getDocument } = await getResolvedPDFJS();
  // verbosity 0: PDF.js would otherwise print repair warnings for every damaged file straight to the console.
  const task = getDocument({ data, isEvalSupported: false, useSystemFonts: true, disableFontFace: true, verbosity: 0 });
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`gave up after ${PDF_TIMEOUT_MS / 1000} s`)), PDF_TIMEOUT_MS);
  });
  try {
    return await Promise.race([
      (async () => {
        const pdf = await task.promise;
        const meta = await pdf.getMetadata().catch(() => undefined);
        const rawTitle = (meta?.info as { Title?: unknown } | undefined)?.Title;
        const metaTitle = typeof rawTitle === 'string' && rawTitle.trim() ? rawTitle.trim() : undefined;
        const pages: Line[][] = [];
        for (let n = 1; n <= pdf.numPages; n++) {
          const page = await pdf.getPage(n);
          pages.push(toLines((await page.getTextContent()).items));
          page.cleanup();
        }
        return { metaTitle, pages };
      })(),
      timeout,
    ]);
  } finally {
    clearTimeout(timer);
    await task.destroy().catch(() => undefined);
  }
}

/** PDF.js gives runs of text; a line ends at an explicit end-of-line or where the baseline moves. */
function toLines(items: unknown[]): Line[] {
  const lines: Line[] = [];
  let current: Line | undefined;
  const push = () => {
    if (current && current.text.trim()) lines.push({ ...current, text: current.text.replace(/\s+/g, ' ').trim() });
    current = undefined;
  };
  for (const item of items) {
    if (!item || typeof item !== 'object' || !('str' in item)) continue;
    const { str, transform, hasEOL } = item as { str: string; transform: number[]; hasEOL?: boolean };
    const y = transform[5] ?? 0;
    const size = Math.hypot(transform[2] ?? 0, transform[3] ?? 0);
    if (current && str.trim() && current.text.trim() && Math.abs(current.y - y) > Math.max(current.size, size) * 0.5) push();
    if (str.trim()) {
      current ??= { text: '', size: 0, y };
      current.text += str;
      current.size = Math.max(current.size, size);
    }
    if (hasEOL) push();
  }
  push();
  return lines;
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

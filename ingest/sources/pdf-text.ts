import { getResolvedPDFJS } from 'unpdf';

/** A line of a page as set: its text, type size and baseline. */
export interface Line {
  text: string;
  size: number;
  y: number;
}

export interface PdfText {
  metaTitle?: string;
  pages: Line[][];
}

/** What a PDF may hold before it is refused: a brochure has a few pages and some thousand words. */
export interface TextLimits {
  maxPages: number;
  maxTextChars: number;
}

/** A PDF refused for what it holds (too many pages, too much text), not because it cannot be read. */
export class PdfRefused extends Error {}

/** The lines of every page (unpdf's serverless PDF.js: no worker, no font or CMap downloads), within the limits. */
export async function extractText(data: Uint8Array, limits: TextLimits): Promise<PdfText> {
  const { getDocument } = await getResolvedPDFJS();
  // verbosity 0: PDF.js would otherwise print repair warnings for every damaged file straight to the console.
  const task = getDocument({ data, isEvalSupported: false, useSystemFonts: true, disableFontFace: true, verbosity: 0 });
  try {
    const pdf = await task.promise;
    if (pdf.numPages > limits.maxPages) throw new PdfRefused(`too many pages to read (${pdf.numPages}; the limit is ${limits.maxPages})`);
    const meta = await pdf.getMetadata().catch(() => undefined);
    const rawTitle = (meta?.info as { Title?: unknown } | undefined)?.Title;
    const metaTitle = typeof rawTitle === 'string' && rawTitle.trim() ? rawTitle.trim() : undefined;
    const pages: Line[][] = [];
    let chars = 0;
    for (let n = 1; n <= pdf.numPages; n++) {
      const page = await pdf.getPage(n);
      const lines = toLines((await page.getTextContent()).items);
      page.cleanup();
      chars += lines.reduce((sum, l) => sum + l.text.length, 0);
      if (chars > limits.maxTextChars) throw new PdfRefused(`too much text to read (more than ${limits.maxTextChars.toLocaleString('en')} characters by page ${n})`);
      pages.push(lines);
    }
    return { metaTitle, pages };
  } finally {
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

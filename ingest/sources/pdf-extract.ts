import { Worker } from 'node:worker_threads';
import type { PdfText, TextLimits } from './pdf-text.js';

export interface PdfLimits extends TextLimits {
  /** The reader's JavaScript heap: PDF.js's objects and the text. */
  heapMb: number;
  /**
   * How much the process may grow while one PDF is read. Inflated streams are array buffers,
   * outside any heap limit: a 1 MB file of compressed zeros took 2.2 GB in them.
   */
  memoryMb: number;
  timeoutMs: number;
}

/** A brochure needs a fraction of each. */
export const PDF_LIMITS: PdfLimits = { maxPages: 1000, maxTextChars: 2_000_000, heapMb: 512, memoryMb: 768, timeoutMs: 60_000 };

/** How often the process's memory is looked at while a PDF is read. */
const WATCH_MS = 20;

/** Why a PDF gave no text: `refused` when it was stopped for a limit, otherwise it could not be parsed. */
export class PdfNotRead extends Error {
  constructor(
    message: string,
    readonly refused: boolean,
  ) {
    super(message);
  }
}

/**
 * Reads a PDF's text in a worker thread that is ended the moment it passes a limit: its heap, the
 * process's memory, the time, the pages or the text. A hostile or broken file costs a bounded
 * amount and the ingest goes on with the next source.
 */
export function extractInWorker(data: Uint8Array, limits: PdfLimits = PDF_LIMITS): Promise<PdfText> {
  return new Promise((resolve, reject) => {
    const baseline = process.memoryUsage.rss();
    const worker = new Worker(new URL('./pdf-worker.mjs', import.meta.url), {
      workerData: { data, limits: { maxPages: limits.maxPages, maxTextChars: limits.maxTextChars } },
      resourceLimits: { maxOldGenerationSizeMb: limits.heapMb, maxYoungGenerationSizeMb: Math.min(64, Math.ceil(limits.heapMb / 8)) },
    });
    const memory = (mb: number, what: string) => new PdfNotRead(`reading its text needed more than ${mb} MB of memory (${what})`, true);
    let done = false;
    const finish = (settle: () => void) => {
      if (done) return;
      done = true;
      clearInterval(watch);
      clearTimeout(timer);
      void worker.terminate();
      settle();
    };
    const watch = setInterval(() => {
      if (process.memoryUsage.rss() - baseline > limits.memoryMb * 1024 * 1024) finish(() => reject(memory(limits.memoryMb, 'compressed content that inflates to far more than the file holds')));
    }, WATCH_MS);
    const timer = setTimeout(() => finish(() => reject(new PdfNotRead(`reading its text took more than ${limits.timeoutMs / 1000} s`, true))), limits.timeoutMs);
    worker.once('message', (m: { ok: true; text: PdfText } | { ok: false; refused: boolean; message: string }) =>
      finish(() => (m.ok ? resolve(m.text) : reject(new PdfNotRead(m.message, m.refused)))),
    );
    worker.once('error', (e: Error & { code?: string }) => finish(() => reject(e.code === 'ERR_WORKER_OUT_OF_MEMORY' ? memory(limits.heapMb, 'more text objects than any brochure has') : new PdfNotRead(e.message, false))));
    worker.once('exit', (code) => finish(() => reject(new PdfNotRead(`the reader stopped before it was done (exit code ${code})`, false))));
  });
}

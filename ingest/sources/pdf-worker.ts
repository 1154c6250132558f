// Runs in a worker thread (see pdf-extract.ts, started through pdf-worker.mjs): reads one PDF's text and posts it back.
import { parentPort, workerData } from 'node:worker_threads';
import { extractText, PdfRefused, type TextLimits } from './pdf-text.js';

const { data, limits } = workerData as { data: Uint8Array; limits: TextLimits };
try {
  parentPort!.postMessage({ ok: true, text: await extractText(data, limits) });
} catch (error) {
  parentPort!.postMessage({ ok: false, refused: error instanceof PdfRefused, message: error instanceof Error ? error.message : String(error) });
}

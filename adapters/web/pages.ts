import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { Hono } from 'hono';

const here = new URL('.', import.meta.url);
// Read once at start: these are the project's own files, served as they are.
const WIDGET = readFileSync(new URL('widget/widget.js', here), 'utf8');
const DEMO = readFileSync(new URL('demo/index.html', here), 'utf8');

export const WIDGET_GZIP_BYTES = gzipSync(WIDGET).length;

/** The pages this server shows itself: no inline script anywhere, so scripts can be 'self' only. */
const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "object-src 'none'",
].join('; ');

const PRIVACY = `<!doctype html><html lang="it"><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Orienta — privacy</title><body style="font:17px/1.5 system-ui,sans-serif;max-width:720px;margin:24px auto;padding:0 16px">
<h1>Orienta e i tuoi dati</h1>
<p>Orienta conserva i messaggi della chat e, se prenoti, nome, contatto e prenotazione: solo per risponderti e gestire la prenotazione. Per ritrovare la conversazione, la chat tiene nel tuo browser un codice casuale (un cookie e una copia nella memoria del sito che ospita la chat); noi conserviamo solo una sua impronta, da cui il codice non si può ricavare. Puoi scaricare o cancellare i tuoi dati in chat scrivendo «cancella i miei dati» o «scarica i miei dati».</p>
<h2 lang="en">Orienta and your data</h2>
<p lang="en">Orienta keeps the chat messages and, if you book, your name, contact and booking: only to answer you and manage the booking. To find your conversation again, the chat keeps a random code in your browser (a cookie and a copy in the storage of the site showing the chat); we keep only a fingerprint of it, from which the code cannot be recovered. You can download or erase your data in the chat by writing “erase my data” or “download my data”.</p>
</body></html>`;

/** The widget script, the demo page that looks like a partner's site, and the privacy notice. */
export function webPages(): Hono {
  const app = new Hono();
  app.get('/widget.js', (c) => {
    c.header('Content-Type', 'application/javascript; charset=utf-8');
    c.header('Cache-Control', 'public, max-age=300');
    // Partner sites on other origins load it with a plain script tag.
    c.header('Cross-Origin-Resource-Policy', 'cross-origin');
    return c.body(WIDGET);
  });
  app.get('/', (c) => {
    c.header('Content-Security-Policy', CSP);
    return c.html(DEMO);
  });
  app.get('/privacy', (c) => {
    c.header('Content-Security-Policy', CSP);
    return c.html(PRIVACY);
  });
  return app;
}

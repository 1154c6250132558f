import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Hono } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PgliteDatabase } from '../../knowledge/db/pglite-database.js';
import { browserUnavailable, launchBrowser } from '../../test/support/browser.js';
import { openSampleEngine } from '../../test/support/sample-engine.js';
import { kitOver } from '../../test/support/sample-kit.js';
import { listen, type RunningServer } from '../server.js';
import { chatApi } from './chat-api.js';
import { webPages } from './pages.js';

// The widget in Debian's Chromium, on the demo page, against the real API, engine and store.
const unavailable = browserUnavailable();
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

describe.skipIf(unavailable)('web widget in a real browser', () => {
  let db: PgliteDatabase;
  let server: RunningServer;
  let browser: Browser;
  let base: string;

  beforeAll(async () => {
    const opened = await openSampleEngine();
    db = opened.db;
    // Catalogue text that tries to run code: it must be shown as text.
    await db.query(`UPDATE courses SET data = jsonb_set(jsonb_set(data, '{title}', to_jsonb($1::text)), '{description}', to_jsonb($2::text)) WHERE id = 'C046'`, [
      'Modellazione 3D <img src=x onerror="window.__xss=1">',
      'Disegno tecnico <script>window.__xss=2</script> al computer.',
    ]);
    const app = new Hono();
    app.use('*', secureHeaders({ overwrite: false }));
    app.route('/api/chat', chatApi({ kit: kitOver(db, opened.engine), allowedOrigins: [], ratePerMinute: 600, visitorKey: async () => Buffer.from('widget-test-key-0123456789abcdef'), logger: { warn() {} } }));
    app.route('/', webPages());
    server = await listen(app, 0, '127.0.0.1');
    base = `http://127.0.0.1:${server.port}`;
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await db?.close();
  });

  const widget = (page: Page) => page.locator('#orienta-widget');
  async function ask(page: Page, text: string) {
    const before = await widget(page).locator('.msg, .card, .choices').count();
    await widget(page).locator('textarea').fill(text);
    await widget(page).locator('textarea').press('Enter');
    await expect.poll(async () => (await widget(page).locator('.typing').textContent()) === '' && (await widget(page).locator('.msg, .card, .choices').count()) > before + 1, { timeout: 15_000 }).toBe(true);
  }
  async function openPage(viewport = { width: 1280, height: 800 }) {
    const context = await browser.newContext({ viewport, acceptDownloads: true });
    const page = await context.newPage();
    await page.goto(`${base}/`);
    return page;
  }

  it('finds a course from the demo page, with cards and sources', async () => {
    const page = await openPage();
    await widget(page).getByRole('button', { name: 'Chiedi a Orienta' }).click();
    await ask(page, 'corsi di stampa 3d a viadana');
    await expect.poll(() => widget(page).locator('.card h3').allTextContents()).toContain('Stampa 3D e taglio laser per maker');
    expect(await widget(page).locator('.sources').last().textContent()).toContain('Fonti');
    await page.context().close();
  });

  it('books with an explicit confirmation and downloads the .ics', async () => {
    const page = await openPage();
    await widget(page).locator('.launcher').click();
    await ask(page, 'voglio iscrivermi a C001');
    await ask(page, 'Giulia Rossi');
    await ask(page, '16');
    const before = await widget(page).locator('.msg').count();
    await widget(page).getByRole('button', { name: 'Sì, confermo' }).click();
    await expect.poll(async () => (await widget(page).locator('.msg').allTextContents()).slice(before).join(' ')).toMatch(/LTO-[A-Z0-9]{4}/);
    const [download] = await Promise.all([page.waitForEvent('download'), widget(page).locator('a.file').click()]);
    expect(download.suggestedFilename()).toMatch(/^LTO-[A-Z0-9]{4}\.ics$/);
    const stream = await download.createReadStream();
    let ics = '';
    for await (const chunk of stream) ics += chunk;
    expect(ics).toContain('BEGIN:VCALENDAR');
    await page.context().close();
  });

  it('keeps the conversation across a reload', async () => {
    const page = await openPage();
    await widget(page).locator('.launcher').click();
    await ask(page, 'come faccio la DID?');
    await page.reload();
    await expect.poll(() => widget(page).locator('.msg.user').allTextContents(), { timeout: 15_000 }).toContain('come faccio la DID?');
    expect(await widget(page).locator('.panel').isVisible()).toBe(true);
    await page.context().close();
  });

  it('works with the keyboard alone', async () => {
    const page = await openPage();
    // Tab through the page until the launcher has focus.
    for (let i = 0; i < 12 && !(await page.evaluate(() => document.activeElement?.id === 'orienta-widget')); i++) await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    expect(await widget(page).locator('textarea').evaluate((el) => el === (el.getRootNode() as ShadowRoot).activeElement)).toBe(true);
    await page.keyboard.type('ciao');
    await page.keyboard.press('Enter');
    await expect.poll(() => widget(page).locator('.choices button').count(), { timeout: 15_000 }).toBeGreaterThan(0);
    await page.keyboard.press('Escape');
    expect(await widget(page).locator('.panel').isVisible()).toBe(false);
    expect(await widget(page).locator('.launcher').evaluate((el) => el === (el.getRootNode() as ShadowRoot).activeElement)).toBe(true);
    await page.context().close();
  });

  it('fits a 360-pixel phone and has no serious or critical accessibility violations', async () => {
    const context = await browser.newContext({ viewport: { width: 360, height: 740 }, bypassCSP: true });
    const page = await context.newPage();
    await page.goto(`${base}/`);
    await widget(page).locator('.launcher').click();
    await ask(page, 'corsi di stampa 3d a viadana');
    const box = await widget(page).locator('.panel').boundingBox();
    expect(box!.x).toBeGreaterThanOrEqual(0);
    expect(box!.x + box!.width).toBeLessThanOrEqual(360);
    await page.evaluate(AXE);
    const violations = await page.evaluate(async () => {
      const result = await (window as unknown as { axe: { run(ctx: unknown): Promise<{ violations: { id: string; impact: string }[] }> } }).axe.run(document);
      return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id);
    });
    expect(violations).toEqual([]);
    await context.close();
  });

  it('shows catalogue text containing markup as text, never running it', async () => {
    const page = await openPage();
    await widget(page).locator('.launcher').click();
    await ask(page, 'C046');
    await expect.poll(() => widget(page).locator('.card h3').allTextContents()).toContain('Modellazione 3D <img src=x onerror="window.__xss=1">');
    expect(await widget(page).locator('.card img, .card script').count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    await page.context().close();
  });

  it('serves the widget small enough and the pages with a strict CSP', async () => {
    const page = await fetch(`${base}/`);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    const widgetJs = await fetch(`${base}/widget.js`);
    expect(widgetJs.headers.get('content-type')).toMatch(/javascript/);
    expect(widgetJs.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
    const { WIDGET_GZIP_BYTES } = await import('./pages.js');
    expect(WIDGET_GZIP_BYTES).toBeLessThan(30 * 1024);
  });
});

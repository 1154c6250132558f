import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserUnavailable, launchBrowser } from '../support/browser.js';
import { httpSite, httpsFront, partnerPage, type RunningSite } from '../support/partner-sites.js';
import { REFERENCE_NOW } from '../support/sample-store.js';
import { serve, type Served } from '../support/serve.js';
import { opensslUnavailable, selfSignedCertificate } from '../support/tls.js';

/**
 * The widget where partners really put it: on a page of another site. `orienta serve` runs as in
 * production, once behind a TLS proxy (https://provincia.example embeds https://orienta.example,
 * both names mapped to 127.0.0.1 inside Chromium) and once in development, a page on
 * http://localhost talking to http://127.0.0.1. On the same-site demo page a SameSite=Lax cookie
 * was enough; here it never travels, and every turn used to be a stranger's.
 */
const unavailable = browserUnavailable() ?? opensslUnavailable();
if (unavailable) console.warn(`skipping the cross-site widget tests: ${unavailable}`);

describe.skipIf(!!unavailable)('the widget on a partner’s site', () => {
  let front: RunningSite;
  let dev: RunningSite;
  let orienta: Served;
  let browser: Browser;
  let dataDir: string;

  beforeAll(async () => {
    const tls = selfSignedCertificate(['orienta.example', 'provincia.example']);
    front = await httpsFront(tls, {
      'provincia.example': { page: () => partnerPage('Provincia (sito partner)', `https://orienta.example:${front.port}/widget.js`) },
      'orienta.example': { upstream: () => orienta.port },
    });
    dev = await httpSite({ localhost: { page: () => partnerPage('Sito partner in sviluppo', `http://127.0.0.1:${orienta.port}/widget.js`) } });
    dataDir = mkdtempSync(join(tmpdir(), 'orienta-cross-site-'));
    orienta = await serve({
      ORIENTA_DATA_DIR: dataDir,
      ORIENTA_NOW: REFERENCE_NOW.toISOString(),
      WEB_RATE_PER_MINUTE: '10000',
      WEB_ALLOWED_ORIGINS: `https://provincia.example:${front.port},http://localhost:${dev.port}`,
      // The proxy is the only peer whose X-Forwarded-* headers count.
      TRUST_PROXY: '127.0.0.1',
    });
    browser = await launchBrowser([`--host-resolver-rules=MAP *.example 127.0.0.1`, '--ignore-certificate-errors']);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    orienta?.child.kill('SIGTERM');
    await orienta?.exited;
    await front?.close();
    await dev?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  const widget = (page: Page) => page.locator('#orienta-widget');
  async function ask(page: Page, text: string) {
    const before = await widget(page).locator('.msg, .card, .choices').count();
    await widget(page).locator('textarea').fill(text);
    await widget(page).locator('textarea').press('Enter');
    await expect.poll(async () => (await widget(page).locator('.typing').textContent()) === '' && (await widget(page).locator('.msg, .card, .choices').count()) > before + 1, { timeout: 15_000 }).toBe(true);
  }
  async function visit(url: string): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(url);
    await widget(page).locator('.launcher').click();
    return { context, page };
  }

  const sites = [
    { name: 'behind an HTTPS proxy (provincia.example → orienta.example)', url: () => `https://provincia.example:${front.port}/` },
    { name: 'in development (localhost → 127.0.0.1)', url: () => `http://localhost:${dev.port}/` },
  ];

  describe.each(sites)('$name', (site) => {
    it('keeps the topic across turns and restores the history after a reload', async () => {
      const { context, page } = await visit(site.url());
      await ask(page, 'corsi di stampa 3d');
      const before = await widget(page).locator('.card h3').count();
      await ask(page, 'e online?');
      // "e online?" narrows the 3D search: a stranger asking it would get coding and office courses.
      expect((await widget(page).locator('.card h3').allTextContents()).slice(before)).toContain('Modellazione 3D e CAD con Fusion 360');
      await page.reload();
      await expect.poll(() => widget(page).locator('.msg.user').allTextContents(), { timeout: 15_000 }).toEqual(['corsi di stampa 3d', 'e online?']);
      await context.close();
    });

    it('books through to the confirmed code', async () => {
      const { context, page } = await visit(site.url());
      await ask(page, 'voglio iscrivermi a C001');
      await ask(page, 'Giulia Rossi');
      await ask(page, '16');
      const before = await widget(page).locator('.msg').count();
      await widget(page).getByRole('button', { name: 'Sì, confermo' }).click();
      await expect.poll(async () => (await widget(page).locator('.msg').allTextContents()).slice(before).join(' '), { timeout: 15_000 }).toMatch(/LTO-[A-Z0-9]{4}/);
      await context.close();
    });
  });

  it('keeps a partner script’s conversation through the HTTPS proxy on the partitioned cookie alone', async () => {
    // A partner's own script instead of the widget: no Orienta-Visitor header, only what the browser keeps.
    const { context, page } = await visit(sites[0]!.url());
    // A string, not a function: what runs in the page must not depend on how the test was compiled.
    const cited = (await page.evaluate(`(async (api) => {
      const turn = (body) => fetch(api, { method: 'POST', credentials: 'include', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) }).then((r) => r.json());
      const first = await turn({ text: 'corsi di stampa 3d' });
      const next = await turn({ conversationId: first.conversationId, text: 'e online?' });
      return { same: next.conversationId === first.conversationId, ids: next.citations.map((c) => c.id) };
    })('https://orienta.example:${front.port}/api/chat')`)) as { same: boolean; ids: string[] };
    expect(cited.same).toBe(true);
    expect(cited.ids).toContain('C046');
    await context.close();
  });

  it('gets a Secure, SameSite=None, Partitioned cookie through the HTTPS proxy', async () => {
    const { context, page } = await visit(sites[0]!.url());
    await ask(page, 'ciao');
    const cookie = (await context.cookies(`https://orienta.example:${front.port}/api/chat`)).find((c) => c.name === 'orienta_visitor');
    expect(cookie).toMatchObject({ secure: true, sameSite: 'None', httpOnly: true });
    expect(cookie?.partitionKey).toBe('https://provincia.example');
    await context.close();
  });
});

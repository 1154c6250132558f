import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { inCi } from './stores.js';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Why the browser tests cannot run here; in CI (CI=true) a missing browser is a failure instead. */
export function browserUnavailable(): string | undefined {
  if (existsSync(CHROMIUM)) return undefined;
  const why = `no Chromium at ${CHROMIUM} (apt-get install -y chromium)`;
  if (inCi) throw new Error(`browser tests are required in CI: ${why}`);
  console.warn(`skipping browser tests: ${why}`);
  return why;
}

/** Debian's Chromium, headless, with nothing that would reach the network on its own; `extraArgs` add switches (host mapping, certificates). */
export function launchBrowser(extraArgs: string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', ...extraArgs],
  });
}

import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../test/support/cli.js';
import { crc32 } from './zip.js';

const APP_ID = '7d2b6c1e-4f3a-4b8e-9c21-5a6f0e3d1b42';
const env = { MICROSOFT_APP_ID: APP_ID, MICROSOFT_APP_PASSWORD: 'secret' };
const unzip = (...args: string[]) => execFileSync('unzip', args);

/** Width, height and the RGBA pixels of a PNG the way this package writes them (one IDAT, filter 0). */
function readPng(png: Buffer) {
  expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  const width = png.readUInt32BE(16);
  const height = png.readUInt32BE(20);
  const idat = png.indexOf('IDAT');
  const length = png.readUInt32BE(idat - 4);
  const rows = inflateSync(png.subarray(idat + 4, idat + 4 + length));
  const pixel = (x: number, y: number) => [...rows.subarray(y * (1 + width * 4) + 1 + x * 4, y * (1 + width * 4) + 5 + x * 4)];
  return { width, height, colourType: png[25], pixel };
}

describe('orienta teams-manifest', () => {
  it('writes a zip Teams takes: the manifest with the bot id, English strings, both icons', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'orienta-teams-zip-')), 'app.zip');
    const run = await runCli(['teams-manifest', '--out', out, '--host', 'https://orienta.example.it/'], { env });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(out);

    const listing = unzip('-l', out).toString();
    for (const name of ['manifest.json', 'en.json', 'color.png', 'outline.png']) expect(listing).toContain(name);
    expect(unzip('-t', out).toString()).toContain('No errors detected');

    const manifest = JSON.parse(unzip('-p', out, 'manifest.json').toString());
    expect(manifest).toMatchObject({ manifestVersion: '1.17', id: APP_ID, bots: [{ botId: APP_ID, scopes: ['personal', 'team', 'groupChat'] }], validDomains: ['orienta.example.it'] });
    expect(manifest.version).toMatch(/^\d+\.\d+\.\d+$/);
    expect(manifest.developer.privacyUrl).toBe('https://orienta.example.it/privacy');
    expect(manifest.name.short.length).toBeLessThanOrEqual(30);
    expect(manifest.description.short.length).toBeLessThanOrEqual(80);
    const commands = manifest.bots[0].commandLists[0].commands;
    expect(commands.map((c: { title: string }) => c.title)).toContain('laboratori per le classi');
    for (const c of commands) expect(c.title.length).toBeLessThanOrEqual(32);

    const en = JSON.parse(unzip('-p', out, 'en.json').toString());
    expect(en['name.full']).toBe('Orienta - LTO Mantova');
    expect(en['description.short']).toMatch(/Courses/);
    expect(en['bots[0].commandLists[0].commands[1].title']).toBe('lab sessions for classes');
    expect(Object.keys(en).filter((k) => k.startsWith('bots[0]'))).toHaveLength(commands.length * 2);

    const color = readPng(unzip('-p', out, 'color.png'));
    expect([color.width, color.height]).toEqual([192, 192]);
    expect(color.pixel(0, 0)).toEqual([0x1f, 0x6f, 0x5c, 255]);
    const outline = readPng(unzip('-p', out, 'outline.png'));
    expect([outline.width, outline.height]).toEqual([32, 32]);
    // White on transparency, as Teams asks of an outline icon.
    expect(outline.pixel(0, 0)[3]).toBe(0);
    expect(outline.pixel(16, 16)).toEqual([255, 255, 255, 255]);
  });

  it('says what to set when MICROSOFT_APP_ID is missing, and when there is no host', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'orienta-teams-zip-')), 'app.zip');
    const noApp = await runCli(['teams-manifest', '--out', out, '--host', 'orienta.example.it'], { env: { MICROSOFT_APP_ID: '', MICROSOFT_APP_PASSWORD: '' } });
    expect(noApp.code).toBe(2);
    expect(noApp.stderr).toMatch(/MICROSOFT_APP_ID is not set: set it to the "Microsoft App ID" of the Azure Bot registration/);
    const noHost = await runCli(['teams-manifest', '--out', out], { env: { ...env, TEAMS_APP_DOMAIN: '' } });
    expect(noHost.code).toBe(2);
    expect(noHost.stderr).toMatch(/--host orienta\.example\.it \(or set TEAMS_APP_DOMAIN\)/);
    const notGuid = await runCli(['teams-manifest', '--out', out, '--host', 'orienta.example.it'], { env: { ...env, MICROSOFT_APP_ID: 'my-bot' } });
    expect(notGuid.code).toBe(2);
    expect(notGuid.stderr).toMatch(/is not an app id/);
  });
});

describe('the zip writer', () => {
  it('computes the CRC-32 zip readers check', () => {
    expect(crc32(Buffer.from('123456789'))).toBe(0xcbf43926);
  });
});

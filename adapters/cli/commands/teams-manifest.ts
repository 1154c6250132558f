import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { HOST, teamsAppPackage } from '../../teams/manifest.js';
import { configFrom, type GlobalOptions, type Io } from '../context.js';
import { UsageError } from '../errors.js';

const VERSION = (JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

export function registerTeamsManifest(program: Command, io: Io): void {
  program
    .command('teams-manifest')
    .description('write the Teams app package (manifest.json, en.json, color.png, outline.png) to upload in Teams')
    .option('--out <file>', 'where to write the zip', 'orienta-teams.zip')
    .option('--host <host>', 'public host name of Orienta, e.g. orienta.example.it (default: TEAMS_APP_DOMAIN)')
    .action((opts: { out: string; host?: string }, cmd: Command) => {
      const config = configFrom(cmd.optsWithGlobals() as GlobalOptions);
      if (!config.MICROSOFT_APP_ID) {
        throw new UsageError('MICROSOFT_APP_ID is not set: set it to the "Microsoft App ID" of the Azure Bot registration (Azure portal → the bot → Configuration), then run teams-manifest again');
      }
      // A URL is fine too: only its host goes in the package.
      const host = (opts.host ?? config.TEAMS_APP_DOMAIN ?? '').trim().replace(/^https?:\/\//i, '').replace(/[/:].*$/, '');
      if (!host) throw new UsageError('no host: give --host orienta.example.it (or set TEAMS_APP_DOMAIN), the public host name the assistant is served on');
      if (!HOST.test(host)) throw new UsageError(`--host "${host}" is not a host name: give one such as orienta.example.it`);
      const out = resolve(opts.out);
      writeFileSync(out, teamsAppPackage({ appId: config.MICROSOFT_APP_ID, host, version: VERSION }));
      io.stdout.write(`Teams app package written to ${out} (bot ${config.MICROSOFT_APP_ID}, ${host}). Upload it in Teams: Apps → Manage your apps → Upload an app.\n`);
    });
}

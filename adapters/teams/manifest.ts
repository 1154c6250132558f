import { OrientaError } from '../../domain/errors.js';
import { ACCENT, colorIcon, outlineIcon } from './icons.js';
import { teamsTexts } from './texts.js';
import { zip } from './zip.js';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const HOST = /^(?=.{4,253}$)([a-z0-9-]+\.)+[a-z]{2,}$/i;
const SCHEMA = 'https://developer.microsoft.com/en-us/json-schemas/teams/v1.17';
const SCOPES = ['personal', 'team', 'groupChat'];

export interface PackageOptions {
  /** The Azure Bot registration's app id: the bot's id, and the app's. */
  appId: string;
  /** Where Orienta is served, e.g. orienta.example.it: its privacy page, the only domain the app uses. */
  host: string;
  /** The app's version; a package uploaded again must have a higher one. */
  version: string;
}

/** The Teams app manifest (schema 1.17), in Italian, with the English in `en.json`. */
export function teamsManifest(o: PackageOptions): object {
  if (!GUID.test(o.appId)) {
    throw new OrientaError('INPUT_INVALID', `MICROSOFT_APP_ID "${o.appId}" is not an app id: use the "Microsoft App ID" of the Azure Bot registration, such as 00000000-0000-0000-0000-000000000000`);
  }
  if (!HOST.test(o.host)) throw new OrientaError('INPUT_INVALID', `"${o.host}" is not a host name: give the public host of Orienta, such as orienta.example.it (no https://, no path)`);
  const it = teamsTexts('it');
  const site = `https://${o.host}`;
  return {
    $schema: `${SCHEMA}/MicrosoftTeams.schema.json`,
    manifestVersion: '1.17',
    version: o.version,
    id: o.appId.toLowerCase(),
    localizationInfo: { defaultLanguageTag: 'it-it', additionalLanguages: [{ languageTag: 'en-us', file: 'en.json' }] },
    developer: { name: 'Provincia di Mantova - LTO Mantova', websiteUrl: `${site}/`, privacyUrl: `${site}/privacy`, termsOfUseUrl: `${site}/privacy` },
    name: { short: it.app.short, full: it.app.full },
    description: { short: it.app.descriptionShort, full: it.app.descriptionFull },
    icons: { color: 'color.png', outline: 'outline.png' },
    accentColor: ACCENT,
    bots: [
      {
        botId: o.appId.toLowerCase(),
        scopes: SCOPES,
        isNotificationOnly: false,
        supportsFiles: false,
        supportsCalling: false,
        supportsVideo: false,
        commandLists: [{ scopes: SCOPES, commands: it.commands.map((c) => ({ title: c.title, description: c.description })) }],
      },
    ],
    permissions: ['identity', 'messageTeamMembers'],
    validDomains: [o.host],
  };
}

/** The English strings, keyed the way Teams localization files point into the manifest. */
function english(): object {
  const en = teamsTexts('en');
  return {
    $schema: `${SCHEMA}/MicrosoftTeams.Localization.schema.json`,
    'name.short': en.app.short,
    'name.full': en.app.full,
    'description.short': en.app.descriptionShort,
    'description.full': en.app.descriptionFull,
    ...Object.fromEntries(
      en.commands.flatMap((c, i) => [
        [`bots[0].commandLists[0].commands[${i}].title`, c.title],
        [`bots[0].commandLists[0].commands[${i}].description`, c.description],
      ]),
    ),
  };
}

/** The zip to upload in Teams (Apps → Manage your apps → Upload an app). */
export function teamsAppPackage(o: PackageOptions): Buffer {
  const json = (v: object) => Buffer.from(`${JSON.stringify(v, null, 2)}\n`, 'utf8');
  return zip([
    { name: 'manifest.json', data: json(teamsManifest(o)) },
    { name: 'en.json', data: json(english()) },
    { name: 'color.png', data: colorIcon() },
    { name: 'outline.png', data: outlineIcon() },
  ]);
}

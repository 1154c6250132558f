import { generateKeyPairSync } from 'node:crypto';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../app/config.js';
import { createLogger } from '../../app/logger.js';
import { channelSettings } from '../../app/channels/channel-settings.js';
import { signJwt } from '../../test/support/fake-botframework.js';
import { APP_ID, startTeamsApp, type TeamsApp } from '../../test/support/teams-app.js';
import { TeamsChannel } from './teams-channel.js';

// Every request to /api/messages must carry a token the Bot Framework signed for this bot; anything
// else is a 401 (never a 500) and the engine never sees the activity.

let app: TeamsApp;
beforeAll(async () => {
  app = await startTeamsApp();
});
afterAll(() => app?.close());

describe('Teams requests that are not from the Bot Framework', () => {
  const other = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const now = () => Math.floor(Date.now() / 1000);
  const refusals: [string, () => string | null][] = [
    ['no token at all', () => null],
    ['an unsigned token (alg none)', () => signJwt({ iss: 'https://api.botframework.com', aud: APP_ID, serviceurl: app.fake.serviceUrl, exp: now() + 3600 }, other.privateKey, app.fake.kid, 'none')],
    ['a token forged with another key under the real key id', () => app.fake.channelToken({}, { key: other.privateKey })],
    ['a token signed with a key the Bot Framework does not publish', () => app.fake.channelToken({}, { key: other.privateKey, kid: 'not-published' })],
    ['an expired token', () => app.fake.channelToken({ expiresIn: -3600 })],
    ['a token for another bot', () => app.fake.channelToken({ aud: '11111111-2222-3333-4444-555555555555' })],
    ['a token from another issuer', () => app.fake.channelToken({ iss: 'https://sts.evil.example/' })],
    ['a token for another serviceUrl', () => app.fake.channelToken({ serviceurl: 'http://127.0.0.1:1/evil/' })],
    ['a token that is not a JWT', () => 'not-a-jwt'],
  ];

  for (const [what, token] of refusals) {
    it(`refuses ${what} with 401 and stores no turn`, async () => {
      const turns = await app.turns();
      const sent = app.fake.sent.length;
      const maria = app.person('maria');
      const res = await app.post(maria.activity({ text: 'corsi di stampa 3d a viadana' }), token());
      expect(res.status).toBe(401);
      expect(await res.json()).toEqual({ error: { code: 'UNAUTHENTICATED', message: 'La richiesta non ha una firma o un token validi.' } });
      expect(await app.turns()).toBe(turns);
      expect(app.fake.sent.length).toBe(sent);
    });
  }

  it('answers a valid token, so the refusals above are the token’s doing', async () => {
    const turns = await app.turns();
    const maria = app.person('maria');
    await maria.say('corsi di stampa 3d a viadana');
    expect(await app.turns()).toBe(turns + 1);
    expect(maria.replies().length).toBeGreaterThan(0);
  });

  it('refuses what is not an activity (400) and a body over the cap (413), signed or not', async () => {
    const bad = await fetch(`${app.url}/api/messages`, { method: 'POST', headers: { authorization: `Bearer ${app.fake.channelToken()}`, 'content-type': 'application/json' }, body: '{"type":' });
    expect(bad.status).toBe(400);
    const huge = await app.post(app.person('maria').activity({ text: 'x'.repeat(300 * 1024) }));
    expect(huge.status).toBe(413);
  });

  it('logs why a request was refused, without the token', async () => {
    const token = app.fake.channelToken({ expiresIn: -3600 });
    await app.post(app.person('maria').activity({ text: 'ciao' }), token);
    const refused = app.logs.filter((l) => l.includes('teams request refused'));
    expect(refused.length).toBeGreaterThan(0);
    expect(refused.join('\n')).not.toContain(token);
  });
});

describe('Teams when the Bot Framework’s signing keys are out of reach', () => {
  for (const [what, url] of [
    ['nobody listens there', () => 'http://127.0.0.1:9/v1/.well-known/openidconfiguration'],
    ['the metadata is not found', () => `${app.fake.origin}/nothing/openidconfiguration`],
  ] as const) {
    it(`answers 503 when ${what}, so the Bot Framework tries again later`, async () => {
      const { teams } = channelSettings(loadConfig({}, { MICROSOFT_APP_ID: APP_ID, MICROSOFT_APP_PASSWORD: 'secret', TEAMS_OPENID_METADATA_URL: url() }));
      const kit = { turn: async () => expect.fail('no turn without a checked token') };
      const channel = new TeamsChannel(teams!, { kit, logger: createLogger('silent') });
      const http = new Hono();
      channel.routes!(http);
      const res = await http.request('/api/messages', {
        method: 'POST',
        headers: { authorization: `Bearer ${app.fake.channelToken()}`, 'content-type': 'application/json' },
        body: JSON.stringify(app.person('maria').activity({ text: 'ciao' })),
      });
      expect(res.status).toBe(503);
    });
  }
});

describe('Teams switched off', () => {
  it('is not built without MICROSOFT_APP_ID', () => {
    expect(channelSettings(loadConfig({}, {})).teams).toBeUndefined();
  });
});

/**
 * The Bot Framework as Teams' side of it, on 127.0.0.1, for tests driven through the real botbuilder:
 *
 * - the OpenID metadata and JWKS the bot checks channel tokens against, with the test's own RSA key;
 * - the Entra token endpoint the bot gets its own token from (client credentials);
 * - the connector (`serviceUrl`): every activity the bot sends or replies is recorded, and failures
 *   can be injected (`failNext(2, 500)`).
 *
 *   const bf = await FakeBotFramework.start({ appId, appPassword });
 *   config: TEAMS_OPENID_METADATA_URL = bf.openIdMetadataUrl, TEAMS_LOGIN_URL = bf.loginUrl
 *   POST /api/messages with `authorization: Bearer ${bf.channelToken()}` and an activity whose
 *   serviceUrl is bf.serviceUrl; then bf.sent lists what the bot said.
 */
import { createSign, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export const BOT_FRAMEWORK_ISSUER = 'https://api.botframework.com';

export interface SentActivity {
  conversationId: string;
  /** The activity replied to, when the bot answered one (`POST …/activities/:id`). */
  replyToId?: string;
  activity: any;
  authorization?: string;
}

export interface TokenClaims {
  iss?: string;
  aud?: string;
  serviceurl?: string;
  /** Seconds from now; negative for a token already expired. */
  expiresIn?: number;
  [claim: string]: unknown;
}

const b64url = (data: string | Buffer) => Buffer.from(data).toString('base64url');

/** An RS256 JWT, signed with node:crypto. */
export function signJwt(payload: object, key: KeyObject, kid: string, alg = 'RS256'): string {
  const head = `${b64url(JSON.stringify({ alg, typ: 'JWT', kid }))}.${b64url(JSON.stringify(payload))}`;
  if (alg === 'none') return `${head}.`;
  const signature = createSign('RSA-SHA256').update(head).sign(key);
  return `${head}.${b64url(signature)}`;
}

export class FakeBotFramework {
  readonly sent: SentActivity[] = [];
  readonly tokenRequests: URLSearchParams[] = [];
  /** Statuses the next connector calls get instead of success, one each. */
  private failures: number[] = [];
  private issued = 0;
  readonly kid = 'fake-bf-key-1';
  private readonly keys = generateKeyPairSync('rsa', { modulusLength: 2048 });
  private readonly open = new Set<ServerResponse>();
  /** Told of every activity the connector takes. */
  private readonly onSent = new Set<() => void>();

  private constructor(
    private readonly server: Server,
    readonly origin: string,
    private readonly appId: string,
    private readonly appPassword: string,
  ) {}

  static async start(options: { appId: string; appPassword: string }): Promise<FakeBotFramework> {
    let fake!: FakeBotFramework;
    const server = createServer((req, res) => void fake.handle(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    fake = new FakeBotFramework(server, `http://127.0.0.1:${port}`, options.appId, options.appPassword);
    return fake;
  }

  get openIdMetadataUrl(): string {
    return `${this.origin}/v1/.well-known/openidconfiguration`;
  }
  get loginUrl(): string {
    return this.origin;
  }
  get serviceUrl(): string {
    return `${this.origin}/teams/`;
  }
  /** The last token the fake gave the bot: what it must show the connector. */
  get lastIssuedToken(): string | undefined {
    return this.issued ? `fake-bot-token-${this.issued}` : undefined;
  }

  /** A token as the Bot Framework signs it for this bot, with any claim overridden. */
  channelToken(claims: TokenClaims = {}, sign: { key?: KeyObject; kid?: string; alg?: string } = {}): string {
    const now = Math.floor(Date.now() / 1000);
    const { expiresIn = 3600, ...rest } = claims;
    const payload = { iss: BOT_FRAMEWORK_ISSUER, aud: this.appId, serviceurl: this.serviceUrl, nbf: now - 60, iat: now - 60, exp: now + expiresIn, ...rest };
    return signJwt(payload, sign.key ?? this.keys.privateKey, sign.kid ?? this.kid, sign.alg);
  }

  /** The next `count` connector calls fail with `status`. */
  failNext(count: number, status = 500): void {
    this.failures.push(...Array.from({ length: count }, () => status));
  }

  /** Activities sent to one conversation, oldest first. */
  to(conversationId: string): SentActivity[] {
    return this.sent.filter((s) => s.conversationId === conversationId);
  }

  /** Resolves once `count` activities have been sent in all (or rejects after `timeoutMs`). */
  waitForSent(count: number, timeoutMs = 10_000): Promise<SentActivity[]> {
    return new Promise((resolve, reject) => {
      const check = () => {
        if (this.sent.length < count) return;
        this.onSent.delete(check);
        clearTimeout(timer);
        resolve(this.sent);
      };
      const timer = setTimeout(() => {
        this.onSent.delete(check);
        reject(new Error(`expected ${count} activities on the connector, got ${this.sent.length}`));
      }, timeoutMs);
      this.onSent.add(check);
      check();
    });
  }

  async close(): Promise<void> {
    for (const res of this.open) res.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    this.open.add(res);
    res.on('close', () => this.open.delete(res));
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url ?? '/', this.origin);
    const json = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };

    if (req.method === 'GET' && url.pathname === '/v1/.well-known/openidconfiguration') {
      return json(200, { issuer: BOT_FRAMEWORK_ISSUER, jwks_uri: `${this.origin}/v1/.well-known/keys`, id_token_signing_alg_values_supported: ['RS256'], token_endpoint_auth_methods_supported: ['private_key_jwt'] });
    }
    if (req.method === 'GET' && url.pathname === '/v1/.well-known/keys') {
      const jwk = this.keys.publicKey.export({ format: 'jwk' });
      return json(200, { keys: [{ kty: 'RSA', use: 'sig', kid: this.kid, n: jwk.n, e: jwk.e, endorsements: ['msteams'] }] });
    }
    const token = url.pathname.match(/^\/([^/]+)\/oauth2\/v2\.0\/token$/);
    if (req.method === 'POST' && token) {
      const form = new URLSearchParams(raw);
      this.tokenRequests.push(form);
      if (form.get('grant_type') !== 'client_credentials' || form.get('client_id') !== this.appId || form.get('client_secret') !== this.appPassword) {
        return json(401, { error: 'invalid_client' });
      }
      this.issued += 1;
      return json(200, { token_type: 'Bearer', expires_in: 3599, access_token: `fake-bot-token-${this.issued}` });
    }
    const connector = url.pathname.match(/^\/teams\/v3\/conversations\/([^/]+)\/activities(?:\/([^/]+))?$/);
    if (req.method === 'POST' && connector) {
      const failure = this.failures.shift();
      if (failure) return json(failure, { error: { code: 'ServiceError', message: 'injected failure' } });
      if (req.headers.authorization !== `Bearer ${this.lastIssuedToken}`) return json(401, { error: { code: 'Unauthorized', message: 'no bot token' } });
      const activity = JSON.parse(raw);
      this.sent.push({
        conversationId: decodeURIComponent(connector[1]!),
        ...(connector[2] ? { replyToId: decodeURIComponent(connector[2]) } : {}),
        activity,
        authorization: req.headers.authorization,
      });
      json(200, { id: `sent-${this.sent.length}` });
      for (const told of [...this.onSent]) told();
      return;
    }
    json(404, { error: `the fake has no ${req.method} ${url.pathname}` });
  }
}

import { AppCredentials, ServiceClientCredentialsFactory, type ServiceClientCredentials } from 'botframework-connector';
import { transientStatus, withRetry } from '../retry.js';

type Log = { warn(obj: object, msg: string): void };

export const PUBLIC_LOGIN_HOST = 'https://login.microsoftonline.com';
/** The tenant a multi-tenant bot gets its Bot Framework tokens from. */
const BOT_FRAMEWORK_TENANT = 'botframework.com';

class TokenRequestFailed extends Error {
  constructor(readonly status: number | undefined, message: string) {
    super(message);
  }
}

/**
 * The bot's own token for calling the Bot Framework connector: an OAuth client-credentials request
 * to Microsoft Entra, as the SDK's MSAL path makes it. Done by hand because MSAL refuses any
 * authority that is not https, so the login host could not be pointed at a local fake otherwise.
 */
class ClientSecretCredentials extends AppCredentials {
  readonly #secret: string;

  constructor(appId: string, secret: string, tenant: string, scope: string | undefined, loginHost: string, private readonly logger: Log) {
    super(appId, tenant, scope);
    this.#secret = secret;
    this.oAuthEndpoint = `${loginHost.replace(/\/+$/, '')}/${tenant}`;
  }

  protected async refreshToken(): Promise<{ accessToken: string; expiresOn: Date }> {
    const scope = this.oAuthScope.endsWith('/.default') ? this.oAuthScope : `${this.oAuthScope}/.default`;
    const body = new URLSearchParams({ grant_type: 'client_credentials', client_id: this.appId, client_secret: this.#secret, scope });
    const token = await withRetry(
      async () => {
        const res = await fetch(`${this.oAuthEndpoint}/oauth2/v2.0/token`, { method: 'POST', body, signal: AbortSignal.timeout(10_000) });
        const json = (await res.json().catch(() => ({}))) as { access_token?: unknown; expires_in?: unknown; error?: unknown };
        if (!res.ok || typeof json.access_token !== 'string') {
          // Entra's error code (invalid_client, unauthorized_client) says what to fix; never the secret.
          throw new TokenRequestFailed(res.status, `Microsoft Entra refused the bot's token request (${res.status} ${typeof json.error === 'string' ? json.error : ''}): check MICROSOFT_APP_ID, MICROSOFT_APP_PASSWORD and MICROSOFT_APP_TENANT_ID`);
        }
        return { accessToken: json.access_token, expiresIn: Number(json.expires_in) || 3600 };
      },
      { what: 'teams token request', logger: this.logger, retryable: (e) => !(e instanceof TokenRequestFailed) || transientStatus(e.status) },
    );
    return { accessToken: token.accessToken, expiresOn: new Date(Date.now() + token.expiresIn * 1000) };
  }
}

/** Credentials for one bot with an app password (MultiTenant or SingleTenant). */
export class ClientSecretCredentialsFactory extends ServiceClientCredentialsFactory {
  readonly #secret: string;

  constructor(
    private readonly appId: string,
    secret: string,
    private readonly tenantId: string | undefined,
    private readonly loginHost: string,
    private readonly logger: Log,
  ) {
    super();
    this.#secret = secret;
  }

  async isValidAppId(appId: string): Promise<boolean> {
    return appId === this.appId;
  }

  /** Never: with Teams on, every request must carry a valid token. */
  async isAuthenticationDisabled(): Promise<boolean> {
    return false;
  }

  async createCredentials(appId: string, audience: string | undefined): Promise<ServiceClientCredentials> {
    if (appId !== this.appId) throw new Error(`no credentials for app ${appId}: this bot is ${this.appId}`);
    return new ClientSecretCredentials(appId, this.#secret, this.tenantId ?? BOT_FRAMEWORK_TENANT, audience, this.loginHost, this.logger);
  }
}

import { CallerIdConstants, ConfigurationBotFrameworkAuthentication, ConfigurationServiceClientCredentialFactory } from 'botbuilder';
import { AuthenticationConstants, AuthenticationError, type BotFrameworkAuthentication, type ServiceClientCredentialsFactory } from 'botframework-connector';
import { ClientSecretCredentialsFactory, PUBLIC_LOGIN_HOST } from './credentials.js';

type Log = { warn(obj: object, msg: string): void };

/** Teams' part of the configuration (MICROSOFT_APP_*, TEAMS_*): the Azure Bot registration. */
export interface TeamsSettings {
  appId: string;
  /** The client secret; none for a UserAssignedMSI bot. */
  appPassword?: string;
  appType: 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI';
  tenantId?: string;
  /** Where the Bot Framework's signing keys are published (only tests move it). */
  openIdMetadataUrl?: string;
  /** The Microsoft Entra login host (only tests move it). */
  loginUrl?: string;
}

/**
 * How the bot checks the Bot Framework's tokens and gets its own, from its settings. Every setting
 * is given: once one is (the OpenID metadata URL), the SDK takes none of its defaults.
 */
export function teamsAuthentication(settings: TeamsSettings, logger: Log): BotFrameworkAuthentication {
  const { appId } = settings;
  const tenant = settings.appType === 'SingleTenant' ? settings.tenantId : undefined;
  const loginHost = (settings.loginUrl ?? PUBLIC_LOGIN_HOST).replace(/\/+$/, '');
  const credentials: ServiceClientCredentialsFactory =
    settings.appType === 'UserAssignedMSI'
      ? new ConfigurationServiceClientCredentialFactory({ MicrosoftAppId: appId, MicrosoftAppType: 'UserAssignedMsi', MicrosoftAppTenantId: settings.tenantId })
      : new ClientSecretCredentialsFactory(appId, settings.appPassword ?? '', tenant, loginHost, logger);
  return new ConfigurationBotFrameworkAuthentication(
    {
      MicrosoftAppId: appId,
      ...(settings.tenantId ? { MicrosoftAppTenantId: settings.tenantId } : {}),
      ValidateAuthority: true,
      ToChannelFromBotLoginUrl: `${loginHost}/${tenant ?? AuthenticationConstants.DefaultChannelAuthTenant}`,
      ToChannelFromBotOAuthScope: AuthenticationConstants.ToChannelFromBotOAuthScope,
      ToBotFromChannelTokenIssuer: AuthenticationConstants.ToBotFromChannelTokenIssuer,
      OAuthUrl: AuthenticationConstants.OAuthUrl,
      ToBotFromChannelOpenIdMetadataUrl: settings.openIdMetadataUrl ?? AuthenticationConstants.ToBotFromChannelOpenIdMetadataUrl,
      ToBotFromEmulatorOpenIdMetadataUrl: AuthenticationConstants.ToBotFromEmulatorOpenIdMetadataUrl,
      CallerId: CallerIdConstants.PublicAzureChannel,
    },
    credentials,
  );
}

/**
 * What a failed token check answers. The SDK throws its AuthenticationError for most refusals but
 * lets jsonwebtoken's errors (a bad signature) through: all of them are the caller's fault, 401.
 * Only the signing keys being out of reach is ours: 503, so the Bot Framework retries later.
 */
export function refusalStatus(error: unknown): 401 | 503 {
  if (error instanceof AuthenticationError) return error.statusCode >= 500 ? 503 : 401;
  // node-fetch's, when the metadata host cannot be reached at all.
  return (error as { name?: unknown } | null)?.name === 'FetchError' ? 503 : 401;
}

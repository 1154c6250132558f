import { CallerIdConstants, ConfigurationBotFrameworkAuthentication, ConfigurationServiceClientCredentialFactory } from 'botbuilder';
import { AuthenticationConstants, AuthenticationError, type BotFrameworkAuthentication, type ServiceClientCredentialsFactory } from 'botframework-connector';
import type { Config } from '../../app/config.js';
import { ClientSecretCredentialsFactory, PUBLIC_LOGIN_HOST } from './credentials.js';

type Log = { warn(obj: object, msg: string): void };

/**
 * How the bot checks the Bot Framework's tokens and gets its own, from our configuration. Every
 * setting is given: once one is (the OpenID metadata URL), the SDK takes none of its defaults.
 */
export function teamsAuthentication(config: Config, logger: Log): BotFrameworkAuthentication {
  const appId = config.MICROSOFT_APP_ID!;
  const tenant = config.MICROSOFT_APP_TYPE === 'SingleTenant' ? config.MICROSOFT_APP_TENANT_ID : undefined;
  const loginHost = (config.TEAMS_LOGIN_URL ?? PUBLIC_LOGIN_HOST).replace(/\/+$/, '');
  const credentials: ServiceClientCredentialsFactory =
    config.MICROSOFT_APP_TYPE === 'UserAssignedMSI'
      ? new ConfigurationServiceClientCredentialFactory({ MicrosoftAppId: appId, MicrosoftAppType: 'UserAssignedMsi', MicrosoftAppTenantId: config.MICROSOFT_APP_TENANT_ID })
      : new ClientSecretCredentialsFactory(appId, config.MICROSOFT_APP_PASSWORD!, tenant, loginHost, logger);
  return new ConfigurationBotFrameworkAuthentication(
    {
      MicrosoftAppId: appId,
      ...(config.MICROSOFT_APP_TENANT_ID ? { MicrosoftAppTenantId: config.MICROSOFT_APP_TENANT_ID } : {}),
      ValidateAuthority: true,
      ToChannelFromBotLoginUrl: `${loginHost}/${tenant ?? AuthenticationConstants.DefaultChannelAuthTenant}`,
      ToChannelFromBotOAuthScope: AuthenticationConstants.ToChannelFromBotOAuthScope,
      ToBotFromChannelTokenIssuer: AuthenticationConstants.ToBotFromChannelTokenIssuer,
      OAuthUrl: AuthenticationConstants.OAuthUrl,
      ToBotFromChannelOpenIdMetadataUrl: config.TEAMS_OPENID_METADATA_URL ?? AuthenticationConstants.ToBotFromChannelOpenIdMetadataUrl,
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

import type { SlackSettings } from '../../adapters/slack/slack-channel.js';
import type { TeamsSettings } from '../../adapters/teams/auth.js';
import type { TelegramSettings } from '../../adapters/telegram/telegram-channel.js';
import type { WebSettings } from '../../adapters/web/chat-api.js';
import type { Config } from '../config.js';

/** Each channel's own part of the configuration; a channel whose credentials are not set has none, and is off. */
export interface ChannelSettings {
  /** The web chat is always on. */
  web: WebSettings;
  telegram?: TelegramSettings;
  teams?: TeamsSettings;
  slack?: SlackSettings;
}

/** Cuts the configuration into the channels' slices: an adapter never sees another's secrets, nor the rest. */
export function channelSettings(c: Config): ChannelSettings {
  return {
    web: { allowedOrigins: c.WEB_ALLOWED_ORIGINS, ratePerMinute: c.WEB_RATE_PER_MINUTE, trustProxy: c.TRUST_PROXY },
    ...(c.TELEGRAM_BOT_TOKEN
      ? {
          telegram: {
            token: c.TELEGRAM_BOT_TOKEN,
            apiRoot: c.TELEGRAM_API_ROOT,
            ...(c.TELEGRAM_WEBHOOK_URL && c.TELEGRAM_WEBHOOK_SECRET ? { webhook: { url: c.TELEGRAM_WEBHOOK_URL, secret: c.TELEGRAM_WEBHOOK_SECRET } } : {}),
          },
        }
      : {}),
    ...(c.MICROSOFT_APP_ID
      ? {
          teams: {
            appId: c.MICROSOFT_APP_ID,
            appType: c.MICROSOFT_APP_TYPE,
            ...(c.MICROSOFT_APP_PASSWORD ? { appPassword: c.MICROSOFT_APP_PASSWORD } : {}),
            ...(c.MICROSOFT_APP_TENANT_ID ? { tenantId: c.MICROSOFT_APP_TENANT_ID } : {}),
            ...(c.TEAMS_OPENID_METADATA_URL ? { openIdMetadataUrl: c.TEAMS_OPENID_METADATA_URL } : {}),
            ...(c.TEAMS_LOGIN_URL ? { loginUrl: c.TEAMS_LOGIN_URL } : {}),
          },
        }
      : {}),
    ...(c.SLACK_BOT_TOKEN && c.SLACK_SIGNING_SECRET
      ? {
          slack: {
            botToken: c.SLACK_BOT_TOKEN,
            signingSecret: c.SLACK_SIGNING_SECRET,
            staffLang: c.ORIENTA_LANG,
            logTexts: c.LOG_TEXTS,
            ...(c.SLACK_STAFF_CHANNEL ? { staffChannel: c.SLACK_STAFF_CHANNEL } : {}),
            ...(c.SLACK_API_URL ? { apiUrl: c.SLACK_API_URL } : {}),
          },
        }
      : {}),
  };
}

import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config.js';
import { channelSettings } from './channel-settings.js';

const env = {
  DATABASE_URL: 'postgres://orienta:db-password@db.example/orienta',
  LLM_BASE_URL: 'https://llm.example/v1',
  LLM_MODEL: 'gpt-4o-mini',
  LLM_API_KEY: 'llm-api-key-secret',
  WEB_VISITOR_SECRET: 'web-visitor-secret-0123456789abcdef0123',
  METRICS_TOKEN: 'metrics-token-0123456789',
  TELEGRAM_BOT_TOKEN: '123456789:AAFakeTokenForOrientaTestsOnly_0123',
  TELEGRAM_WEBHOOK_URL: 'https://orienta.example.it/telegram/webhook',
  TELEGRAM_WEBHOOK_SECRET: 'telegram-webhook-secret-0123',
  MICROSOFT_APP_ID: '7d2b6c1e-4f3a-4b8e-9c21-5a6f0e3d1b42',
  MICROSOFT_APP_PASSWORD: 'teams-client-secret',
  SLACK_BOT_TOKEN: 'xoxb-slack-bot-token',
  SLACK_SIGNING_SECRET: 'slack-signing-secret',
  SLACK_STAFF_CHANNEL: '#orienta-staff',
  ORIENTA_LANG: 'en',
};

describe('the channels’ slices of the configuration', () => {
  it('give each channel exactly its own settings: nothing of the others’, nothing of the rest', () => {
    const slices = channelSettings(loadConfig(env));
    expect(slices.web).toEqual({ allowedOrigins: [], ratePerMinute: 30, trustProxy: [] });
    expect(slices.telegram).toEqual({ token: env.TELEGRAM_BOT_TOKEN, apiRoot: 'https://api.telegram.org', webhook: { url: env.TELEGRAM_WEBHOOK_URL, secret: env.TELEGRAM_WEBHOOK_SECRET } });
    expect(slices.teams).toEqual({ appId: env.MICROSOFT_APP_ID, appPassword: env.MICROSOFT_APP_PASSWORD, appType: 'MultiTenant' });
    expect(slices.slack).toEqual({ botToken: env.SLACK_BOT_TOKEN, signingSecret: env.SLACK_SIGNING_SECRET, staffChannel: '#orienta-staff', staffLang: 'en', logTexts: false });
  });

  it('leave out a channel whose credentials are not set; the web chat is always on', () => {
    expect(channelSettings(loadConfig({}))).toEqual({ web: { allowedOrigins: [], ratePerMinute: 30, trustProxy: [] } });
    expect(Object.keys(channelSettings(loadConfig({ SLACK_BOT_TOKEN: env.SLACK_BOT_TOKEN, SLACK_SIGNING_SECRET: env.SLACK_SIGNING_SECRET })))).toEqual(['web', 'slack']);
  });
});

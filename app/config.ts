import { z } from 'zod';
import { OrientaError } from '../domain/errors.js';
import { proxyRanges } from './proxy-ranges.js';
import { DEFAULT_BOOKING_LIMITS } from '../knowledge/bookings/booking-limits.js';

const Config = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'a PostgreSQL URL such as postgres://user@host:5432/orienta')
    .optional(),
  ORIENTA_DATA_DIR: z.string().min(1).default('./data'),
  STORE_SOCKET_IDLE_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(2000),
  ORIENTA_NOW: z.iso.datetime({ offset: true, message: 'an ISO date-time such as 2026-11-25T10:00:00+01:00' }).optional(),
  ORIENTA_LANG: z.enum(['it', 'en']).default('it'),
  EMBEDDINGS_BASE_URL: z.url().optional(),
  EMBEDDINGS_MODEL: z.string().min(1).optional(),
  EMBEDDINGS_API_KEY: z.string().min(1).optional(),
  EMBEDDINGS_DIMENSIONS: z.coerce.number().int().positive().max(4096).optional(),
  LLM_BASE_URL: z.url().optional(),
  LLM_MODEL: z.string().min(1).optional(),
  LLM_API_KEY: z.string().min(1).optional(),
  LLM_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(8000),
  WEB_ALLOWED_ORIGINS: z
    .string()
    .transform((v) => v.split(',').map((o) => o.trim()).filter(Boolean))
    .pipe(z.array(z.url({ protocol: /^https?$/, message: 'a comma-separated list of origins such as https://www.provincia.mantova.it' })))
    // A browser's Origin header has no path nor trailing slash: compare like with like.
    .transform((origins) => origins.map((o) => new URL(o).origin))
    .default([]),
  WEB_RATE_PER_MINUTE: z.coerce.number().int().min(1).max(10_000).default(30),
  WEB_VISITOR_SECRET: z.string().regex(/^\S{32,256}$/, '32 to 256 characters without spaces (for example the output of `openssl rand -hex 32`)').optional(),
  TRUST_PROXY: z
    .string()
    .transform((v, ctx) => {
      const parsed = proxyRanges(v);
      if (typeof parsed === 'string') {
        ctx.addIssue({ code: 'custom', message: `${parsed}: give the proxies' addresses or CIDR ranges, comma-separated, such as 127.0.0.1,10.0.0.0/8 (or the words loopback, private)` });
        return z.NEVER;
      }
      return parsed;
    })
    .default([]),
  // Channels: each is on when its credentials are set.
  TELEGRAM_BOT_TOKEN: z.string().regex(/^\d+:[A-Za-z0-9_-]{20,}$/, 'the token @BotFather gave, such as 123456789:AAE…').optional(),
  TELEGRAM_WEBHOOK_URL: z.url({ message: 'the public https URL Telegram posts updates to, such as https://orienta.example.it/telegram/webhook' }).optional(),
  TELEGRAM_WEBHOOK_SECRET: z.string().regex(/^[A-Za-z0-9_-]{16,256}$/, '16 to 256 letters, digits, _ or - (for example the output of `openssl rand -hex 32`)').optional(),
  TELEGRAM_API_ROOT: z.url().default('https://api.telegram.org'),
  MICROSOFT_APP_ID: z.string().min(1).optional(),
  MICROSOFT_APP_PASSWORD: z.string().min(1).optional(),
  MICROSOFT_APP_TENANT_ID: z.string().min(1).optional(),
  MICROSOFT_APP_TYPE: z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).default('MultiTenant'),
  // Leave these two unset in production: they move the Bot Framework's signing keys and token endpoint (tests use a local fake).
  TEAMS_OPENID_METADATA_URL: z.url({ message: 'the URL of an OpenID metadata document, such as https://login.botframework.com/v1/.well-known/openidconfiguration (or leave it unset)' }).optional(),
  TEAMS_LOGIN_URL: z.url({ message: 'the Microsoft Entra login host, such as https://login.microsoftonline.com (or leave it unset)' }).optional(),
  TEAMS_APP_DOMAIN: z.string().regex(/^(?=.{4,253}$)([a-z0-9-]+\.)+[a-z]{2,}$/i, 'the public host name of Orienta for the Teams app package, such as orienta.example.it (no https://, no path)').optional(),
  SLACK_BOT_TOKEN: z.string().regex(/^xoxb-/, 'the Bot User OAuth Token of the Slack app, starting with xoxb-').optional(),
  SLACK_SIGNING_SECRET: z.string().min(8).optional(),
  SLACK_STAFF_CHANNEL: z.string().min(1).optional(),
  SLACK_API_URL: z.url().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  LOG_TEXTS: z.stringbool({ error: 'true or false' }).default(false),
  METRICS_TOKEN: z.string().regex(/^[A-Za-z0-9._~+/=-]{16,256}$/, '16 to 256 characters without spaces (for example the output of `openssl rand -hex 32`)').optional(),
  // What one person may hold, so nobody takes every seat (knowledge/bookings/booking-limits.ts).
  BOOKING_MAX_GROUP: z.coerce.number().int().min(1).max(1000).default(DEFAULT_BOOKING_LIMITS.maxGroup),
  BOOKING_MAX_PER_REF: z.coerce.number().int().min(1).max(100).default(DEFAULT_BOOKING_LIMITS.perRef),
  BOOKING_MAX_LAB_SESSIONS: z.coerce.number().int().min(1).max(100).default(DEFAULT_BOOKING_LIMITS.labSessionsPerRef),
  // Privacy: how long personal data stays; the purge runs in `serve` and by hand with `orienta privacy purge`.
  RETENTION_CONVERSATION_DAYS: z.coerce.number().int().min(1).max(3650).default(180),
  RETENTION_BOOKING_DAYS: z.coerce.number().int().min(1).max(3650).default(90),
  RETENTION_DELIVERIES_DAYS: z.coerce.number().int().min(1).max(365).default(7),
  PURGE_INTERVAL_MINUTES: z.coerce.number().int().min(0).max(10_080).default(60),
}).superRefine((c, ctx) => {
  if (c.EMBEDDINGS_BASE_URL && !c.EMBEDDINGS_MODEL) {
    ctx.addIssue({ code: 'custom', path: ['EMBEDDINGS_MODEL'], message: 'is required when EMBEDDINGS_BASE_URL is set (for example text-embedding-3-small)' });
  }
  if (c.TELEGRAM_WEBHOOK_URL && !c.TELEGRAM_BOT_TOKEN) {
    ctx.addIssue({ code: 'custom', path: ['TELEGRAM_BOT_TOKEN'], message: 'is required when TELEGRAM_WEBHOOK_URL is set' });
  }
  if (c.TELEGRAM_WEBHOOK_URL && !c.TELEGRAM_WEBHOOK_SECRET) {
    ctx.addIssue({ code: 'custom', path: ['TELEGRAM_WEBHOOK_SECRET'], message: 'is required in webhook mode, so forged updates are refused (for example `openssl rand -hex 32`)' });
  }
  if (!!c.MICROSOFT_APP_ID !== !!c.MICROSOFT_APP_PASSWORD && c.MICROSOFT_APP_TYPE !== 'UserAssignedMSI') {
    ctx.addIssue({ code: 'custom', path: [c.MICROSOFT_APP_ID ? 'MICROSOFT_APP_PASSWORD' : 'MICROSOFT_APP_ID'], message: 'Teams needs both MICROSOFT_APP_ID and MICROSOFT_APP_PASSWORD (from the Azure Bot registration)' });
  }
  if (c.MICROSOFT_APP_TYPE === 'SingleTenant' && c.MICROSOFT_APP_ID && !c.MICROSOFT_APP_TENANT_ID) {
    ctx.addIssue({ code: 'custom', path: ['MICROSOFT_APP_TENANT_ID'], message: 'is required for a SingleTenant Teams bot (the directory id of the school’s tenant)' });
  }
  if (!!c.SLACK_BOT_TOKEN !== !!c.SLACK_SIGNING_SECRET) {
    ctx.addIssue({ code: 'custom', path: [c.SLACK_BOT_TOKEN ? 'SLACK_SIGNING_SECRET' : 'SLACK_BOT_TOKEN'], message: 'Slack needs both SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET (Slack app → Basic Information / OAuth)' });
  }
  if (c.SLACK_STAFF_CHANNEL && !c.SLACK_BOT_TOKEN) {
    ctx.addIssue({ code: 'custom', path: ['SLACK_BOT_TOKEN'], message: 'is required when SLACK_STAFF_CHANNEL is set' });
  }
  if (c.LLM_BASE_URL && !c.LLM_MODEL) {
    ctx.addIssue({ code: 'custom', path: ['LLM_MODEL'], message: 'is required when LLM_BASE_URL is set (for example gpt-4o-mini or llama3.1)' });
  }
});
export type Config = z.infer<typeof Config>;
export type ConfigKey = keyof Config;
export const CONFIG_KEYS = Object.keys(Config.shape) as ConfigKey[];

export interface ConfigIssue {
  variable: string;
  message: string;
}

export type ConfigCheck = { ok: true; config: Config; given: Partial<Record<ConfigKey, string>> } | { ok: false; issues: ConfigIssue[]; given: Partial<Record<ConfigKey, string>> };

/** Parses without throwing: `orienta config check` reports every issue on its own line. */
export function checkConfig(env: Record<string, string | undefined> = process.env, overrides: Partial<Record<ConfigKey, string>> = {}): ConfigCheck {
  const given = { ...pick(env), ...pick(overrides as Record<string, string | undefined>) } as Partial<Record<ConfigKey, string>>;
  const parsed = Config.safeParse(given);
  if (parsed.success) return { ok: true, config: parsed.data, given };
  return { ok: false, given, issues: parsed.error.issues.map((i) => ({ variable: i.path.join('.') || 'configuration', message: i.message })) };
}

/** What an empty environment gives: the defaults column of the table in docs/configuration.md. */
export function configDefaults(): Config {
  return Config.parse({});
}

/** Reads the environment once, at start. Anything wrong stops the process naming the variable and the fix. */
export function loadConfig(env: Record<string, string | undefined> = process.env, overrides: Partial<Record<ConfigKey, string>> = {}): Config {
  const checked = checkConfig(env, overrides);
  if (!checked.ok) {
    const lines = checked.issues.map((i) => `${i.variable}: ${i.message}`);
    throw new OrientaError('CONFIG_INVALID', `Invalid configuration. ${lines.join('; ')}. Fix the environment variable (or the matching option) and start again.`, { details: { issues: checked.issues } });
  }
  return checked.config;
}

function pick(source: Record<string, string | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of CONFIG_KEYS) {
    const v = source[key];
    if (v !== undefined && v !== '') out[key] = v;
  }
  return out;
}

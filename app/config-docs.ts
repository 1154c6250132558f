import { configDefaults, CONFIG_KEYS, type ConfigKey } from './config.js';

export interface SettingDoc {
  /** What it is for, one line: the last column of the table in docs/configuration.md. */
  what: string;
  /** A value that would pass, shown in docs/configuration.md and next to an invalid one as the fix. */
  example: string;
  /** Never printed: `orienta config check` masks it. */
  secret?: true;
}

/**
 * One entry per setting of the schema. Typed by the schema's keys, so a setting added to
 * app/config.ts without a line here does not compile, and the docs test keeps the table in step.
 */
export const SETTINGS: Record<ConfigKey, SettingDoc> = {
  PORT: { what: 'port `serve` listens on (0 picks a free one)', example: '8080' },
  HOST: { what: 'address `serve` listens on', example: '127.0.0.1' },
  DATABASE_URL: { what: 'a PostgreSQL server (≥ 14) instead of the embedded store; pgvector is used when the server has it', example: 'postgres://orienta:secret@db:5432/orienta', secret: true },
  ORIENTA_DATA_DIR: { what: 'directory of the embedded store (PGlite), when DATABASE_URL is not set', example: '/var/lib/orienta' },
  STORE_SOCKET_IDLE_TIMEOUT_MS: {
    what: 'how long a command using the embedded store through the running server (`orienta ingest` while `serve` runs) may hold it in a transaction without sending anything; past it that command’s transaction is rolled back and it is told why (the server answers nobody meanwhile)',
    example: '5000',
  },
  ORIENTA_NOW: { what: 'fixed clock for reproducible answers (demos, tests, the eval)', example: '2026-11-25T10:00:00+01:00' },
  ORIENTA_LANG: { what: 'language of a conversation until the person writes in another (`it` or `en`)', example: 'en' },
  EMBEDDINGS_BASE_URL: { what: 'an OpenAI-compatible embeddings endpoint; without it a local hashed n-gram embedder is used (no network, no model)', example: 'http://127.0.0.1:11434/v1' },
  EMBEDDINGS_MODEL: { what: 'the embeddings model, required with EMBEDDINGS_BASE_URL', example: 'nomic-embed-text' },
  EMBEDDINGS_API_KEY: { what: 'the embeddings endpoint’s API key, when it asks for one', example: 'sk-…', secret: true },
  EMBEDDINGS_DIMENSIONS: { what: 'vector size to ask the embeddings model for (models that can shorten them)', example: '768' },
  LLM_BASE_URL: { what: 'an OpenAI-compatible chat endpoint (OpenAI, Azure, Ollama, vLLM); without it answers come from templates', example: 'http://127.0.0.1:11434/v1' },
  LLM_MODEL: { what: 'the chat model, required with LLM_BASE_URL', example: 'llama3.1' },
  LLM_API_KEY: { what: 'the chat endpoint’s API key, when it asks for one', example: 'sk-…', secret: true },
  LLM_TIMEOUT_MS: { what: 'the whole model turn, tools included; past it the template answer is used', example: '5000' },
  WEB_ALLOWED_ORIGINS: { what: 'comma-separated partner sites allowed to call the chat API from a browser', example: 'https://www.provincia.mantova.it' },
  WEB_RATE_PER_MINUTE: { what: 'chat API requests a minute per IP and per conversation (bursts of a third of it)', example: '60' },
  WEB_VISITOR_SECRET: { what: 'key web visitors’ tokens are hashed with into user ids; without it the store makes one and keeps it (replicas share it)', example: '$(openssl rand -hex 32)', secret: true },
  TRUST_PROXY: { what: 'reverse proxies (addresses or CIDR ranges, or `loopback`, `private`) whose X-Forwarded-For/-Proto/-Host count; none by default', example: '127.0.0.1,10.0.0.0/8' },
  TELEGRAM_BOT_TOKEN: { what: 'the Telegram bot’s token from @BotFather; turns the Telegram channel on', example: '123456789:AAE…', secret: true },
  TELEGRAM_WEBHOOK_URL: { what: 'public https URL Telegram posts updates to; without it the bot polls', example: 'https://orienta.example.it/telegram/webhook' },
  TELEGRAM_WEBHOOK_SECRET: { what: 'secret Telegram sends with every webhook call, so forged updates are refused', example: '$(openssl rand -hex 32)', secret: true },
  TELEGRAM_API_ROOT: { what: 'the Bot API’s address (a local Bot API server, or the test fake)', example: 'http://127.0.0.1:8081' },
  MICROSOFT_APP_ID: { what: 'the Azure Bot registration’s app id; turns the Teams channel on', example: '00000000-0000-0000-0000-000000000000' },
  MICROSOFT_APP_PASSWORD: { what: 'the Azure Bot registration’s client secret', example: '…', secret: true },
  MICROSOFT_APP_TENANT_ID: { what: 'the school’s tenant, for a SingleTenant bot', example: '00000000-0000-0000-0000-000000000000' },
  MICROSOFT_APP_TYPE: { what: 'how the Teams bot authenticates: MultiTenant, SingleTenant or UserAssignedMSI', example: 'SingleTenant' },
  TEAMS_OPENID_METADATA_URL: { what: 'where the Bot Framework’s token signing keys are published; leave unset in production (the test fake)', example: 'http://127.0.0.1:8083/v1/.well-known/openidconfiguration' },
  TEAMS_LOGIN_URL: { what: 'the Microsoft Entra host the Teams bot gets its tokens from; leave unset in production (the test fake)', example: 'http://127.0.0.1:8083' },
  TEAMS_APP_DOMAIN: { what: 'Orienta’s public host name, for the Teams app package (`orienta teams-manifest`)', example: 'orienta.example.it' },
  SLACK_BOT_TOKEN: { what: 'the Slack app’s Bot User OAuth Token; turns the staff desk on', example: 'xoxb-…', secret: true },
  SLACK_SIGNING_SECRET: { what: 'the Slack app’s signing secret, so forged requests are refused', example: '…', secret: true },
  SLACK_STAFF_CHANNEL: { what: 'the Slack channel handoffs and booking notices are posted to', example: 'C0123456789' },
  SLACK_API_URL: { what: 'the Slack Web API’s address (the test fake)', example: 'http://127.0.0.1:8082/api/' },
  LOG_LEVEL: { what: 'pino log level; logs are JSON lines on stderr', example: 'debug' },
  LOG_TEXTS: { what: 'put what people write into debug logs; off, so logs hold no personal data', example: 'true' },
  METRICS_TOKEN: { what: 'bearer token `/metrics` asks for; without it `/metrics` is open (keep it on an internal network)', example: '$(openssl rand -hex 32)', secret: true },
  BOOKING_MAX_GROUP: { what: 'people one booking of a lab session may hold (a class); every other slot is booked one person at a time', example: '28' },
  BOOKING_MAX_PER_REF: { what: 'active bookings one person may hold on the dates of one course, service or event', example: '1' },
  BOOKING_MAX_LAB_SESSIONS: { what: 'active bookings one person (a teacher) may hold on the lab sessions of one site', example: '6' },
  RETENTION_CONVERSATION_DAYS: { what: 'days a conversation, its turns, handoffs and the person’s channel address are kept after the last message', example: '90' },
  RETENTION_BOOKING_DAYS: { what: 'days after a slot ends before its bookings lose name, contact and class (the counts stay)', example: '30' },
  RETENTION_DELIVERIES_DAYS: { what: 'days platform delivery ids are kept to answer a retried webhook once', example: '2' },
  PURGE_INTERVAL_MINUTES: { what: 'how often `serve` purges what is past its retention (0: never; use `orienta privacy purge`)', example: '1440' },
};

export const isSecret = (key: string): boolean => (SETTINGS as Record<string, SettingDoc | undefined>)[key]?.secret === true;

/** The value as a person should see it in a table: lists joined, nothing for unset. */
export function display(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (Array.isArray(value)) return value.join(',');
  return String(value);
}

/** The configuration table of docs/configuration.md, generated from the schema and the side table (`orienta config docs`). */
export function configTable(): string {
  const defaults = configDefaults() as Record<string, unknown>;
  const cell = (s: string) => s.replace(/\|/g, '\\|');
  const rows = CONFIG_KEYS.map((key) => {
    const d = display(defaults[key]);
    const doc = SETTINGS[key];
    return `| \`${key}\` | ${d ? `\`${cell(d)}\`` : '—'} | \`${cell(doc.example)}\` | ${cell(doc.what)} |`;
  });
  return ['| variable | default | example | what for |', '|---|---|---|---|', ...rows].join('\n');
}

import { describe, expect, it } from 'vitest';
import { OrientaError } from '../domain/errors.js';
import { loadConfig } from './config.js';

function configError(fn: () => unknown): OrientaError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(OrientaError);
    return error as OrientaError;
  }
  throw new Error('expected loadConfig to throw');
}

const DEFAULTS = {
  PORT: 3000,
  HOST: '0.0.0.0',
  ORIENTA_DATA_DIR: './data',
  STORE_SOCKET_IDLE_TIMEOUT_MS: 2000,
  ORIENTA_LANG: 'it',
  LLM_TIMEOUT_MS: 8000,
  WEB_ALLOWED_ORIGINS: [],
  WEB_RATE_PER_MINUTE: 30,
  TRUST_PROXY: [],
  TELEGRAM_API_ROOT: 'https://api.telegram.org',
  MICROSOFT_APP_TYPE: 'MultiTenant',
  LOG_LEVEL: 'info',
  LOG_TEXTS: false,
  BOOKING_MAX_GROUP: 30,
  BOOKING_MAX_PER_REF: 2,
  BOOKING_MAX_LAB_SESSIONS: 4,
  RETENTION_CONVERSATION_DAYS: 180,
  RETENTION_BOOKING_DAYS: 90,
  RETENTION_DELIVERIES_DAYS: 7,
  PURGE_INTERVAL_MINUTES: 60,
};

describe('loadConfig', () => {
  it('reads TRUST_PROXY as ranges and names the entry it cannot read', () => {
    expect(loadConfig({ TRUST_PROXY: '127.0.0.1, 10.0.0.0/8,::1' }).TRUST_PROXY).toEqual(['127.0.0.1/32', '10.0.0.0/8', '::1/128']);
    expect(loadConfig({ TRUST_PROXY: 'loopback' }).TRUST_PROXY).toEqual(['127.0.0.0/8', '::1/128']);
    for (const bad of ['proxy.local', '10.0.0.0/33', '10.0.0.1/8/1', '::1/129']) {
      const error = configError(() => loadConfig({ TRUST_PROXY: `127.0.0.1,${bad}` }));
      expect(error.message).toContain(`TRUST_PROXY: ${bad}: give the proxies' addresses or CIDR ranges`);
    }
  });

  it('compares partner origins as a browser sends them, and wants a long visitor secret', () => {
    expect(loadConfig({ WEB_ALLOWED_ORIGINS: 'https://www.provincia.mantova.it/, http://localhost:8080' }).WEB_ALLOWED_ORIGINS).toEqual(['https://www.provincia.mantova.it', 'http://localhost:8080']);
    expect(() => loadConfig({ WEB_ALLOWED_ORIGINS: 'ftp://files.example' })).toThrow(/WEB_ALLOWED_ORIGINS/);
    expect(() => loadConfig({ WEB_VISITOR_SECRET: 'short' })).toThrow(/WEB_VISITOR_SECRET: 32 to 256 characters/);
    expect(loadConfig({ WEB_VISITOR_SECRET: 'a'.repeat(64) }).WEB_VISITOR_SECRET).toBe('a'.repeat(64));
  });

  it('applies the defaults to an empty environment', () => {
    expect(loadConfig({})).toEqual(DEFAULTS);
  });

  it('requires a model name when an LLM endpoint is set', () => {
    expect(() => loadConfig({ LLM_BASE_URL: 'http://127.0.0.1:11434/v1' })).toThrow(/LLM_MODEL/);
    expect(loadConfig({ LLM_BASE_URL: 'http://127.0.0.1:11434/v1', LLM_MODEL: 'llama3.1' }).LLM_MODEL).toBe('llama3.1');
    expect(() => loadConfig({ LLM_TIMEOUT_MS: '10' })).toThrow(/LLM_TIMEOUT_MS/);
  });

  it('reads and coerces values from the environment', () => {
    const c = loadConfig({
      PORT: '8080',
      DATABASE_URL: 'postgresql://orienta@db:5432/orienta',
      ORIENTA_NOW: '2026-11-25T10:00:00+01:00',
      ORIENTA_LANG: 'en',
      EMBEDDINGS_BASE_URL: 'http://localhost:11434/v1',
      EMBEDDINGS_MODEL: 'nomic-embed-text',
      EMBEDDINGS_DIMENSIONS: '768',
      UNRELATED: 'ignored',
    });
    expect(c.PORT).toBe(8080);
    expect(c.DATABASE_URL).toBe('postgresql://orienta@db:5432/orienta');
    expect(c.ORIENTA_NOW).toBe('2026-11-25T10:00:00+01:00');
    expect(c.ORIENTA_LANG).toBe('en');
    expect(c.EMBEDDINGS_MODEL).toBe('nomic-embed-text');
    expect(c.EMBEDDINGS_DIMENSIONS).toBe(768);
    expect(c).not.toHaveProperty('UNRELATED');
  });

  it('rejects a PORT that is not a number, naming PORT', () => {
    const e = configError(() => loadConfig({ PORT: 'abc' }));
    expect(e.code).toBe('CONFIG_INVALID');
    expect(e.message).toMatch(/\bPORT: /);
  });

  it('rejects a PORT out of range', () => {
    const e = configError(() => loadConfig({ PORT: '70000' }));
    expect(e.code).toBe('CONFIG_INVALID');
    expect(e.message).toMatch(/\bPORT: /);
  });

  it('rejects a DATABASE_URL that is not PostgreSQL, naming DATABASE_URL', () => {
    const e = configError(() => loadConfig({ DATABASE_URL: 'mysql://x' }));
    expect(e.code).toBe('CONFIG_INVALID');
    expect(e.message).toContain('DATABASE_URL: a PostgreSQL URL');
  });

  it('requires EMBEDDINGS_MODEL with EMBEDDINGS_BASE_URL', () => {
    const e = configError(() => loadConfig({ EMBEDDINGS_BASE_URL: 'http://localhost:11434/v1' }));
    expect(e.code).toBe('CONFIG_INVALID');
    expect(e.message).toContain('EMBEDDINGS_MODEL: is required when EMBEDDINGS_BASE_URL is set');
  });

  it('rejects an ORIENTA_NOW that is not an ISO date-time, naming ORIENTA_NOW', () => {
    for (const now of ['tomorrow', '2026-11-25', '25/11/2026 10:00']) {
      const e = configError(() => loadConfig({ ORIENTA_NOW: now }));
      expect(e.code).toBe('CONFIG_INVALID');
      expect(e.message).toContain('ORIENTA_NOW: an ISO date-time');
    }
  });

  it('names every invalid variable at once', () => {
    const e = configError(() => loadConfig({ PORT: 'abc', ORIENTA_LANG: 'fr' }));
    expect(e.message).toMatch(/\bPORT: /);
    expect(e.message).toMatch(/\bORIENTA_LANG: /);
  });

  it('lets overrides win over the environment', () => {
    const c = loadConfig(
      { ORIENTA_DATA_DIR: '/env/data', ORIENTA_LANG: 'it', PORT: '4000' },
      { ORIENTA_DATA_DIR: '/override/data', ORIENTA_LANG: 'en' },
    );
    expect(c.ORIENTA_DATA_DIR).toBe('/override/data');
    expect(c.ORIENTA_LANG).toBe('en');
    expect(c.PORT).toBe(4000);
  });

  it('validates overrides too', () => {
    const e = configError(() => loadConfig({}, { ORIENTA_NOW: 'yesterday' }));
    expect(e.code).toBe('CONFIG_INVALID');
    expect(e.message).toContain('ORIENTA_NOW');
  });

  it('treats empty strings as unset', () => {
    const c = loadConfig({ PORT: '', ORIENTA_DATA_DIR: '', DATABASE_URL: '', EMBEDDINGS_BASE_URL: '', ORIENTA_NOW: '' });
    expect(c).toEqual(DEFAULTS);
  });

  it('does not let an empty override hide the environment', () => {
    const c = loadConfig({ ORIENTA_DATA_DIR: '/env/data' }, { ORIENTA_DATA_DIR: '' });
    expect(c.ORIENTA_DATA_DIR).toBe('/env/data');
  });

  it('reads the privacy and observability settings', () => {
    const c = loadConfig({ LOG_TEXTS: 'true', METRICS_TOKEN: 'a'.repeat(32), RETENTION_CONVERSATION_DAYS: '30', PURGE_INTERVAL_MINUTES: '0' });
    expect(c).toMatchObject({ LOG_TEXTS: true, METRICS_TOKEN: 'a'.repeat(32), RETENTION_CONVERSATION_DAYS: 30, PURGE_INTERVAL_MINUTES: 0 });
    expect(() => loadConfig({ RETENTION_CONVERSATION_DAYS: '0' })).toThrow(/RETENTION_CONVERSATION_DAYS: /);
    expect(() => loadConfig({ LOG_TEXTS: 'maybe' })).toThrow(/LOG_TEXTS: true or false/);
    expect(() => loadConfig({ METRICS_TOKEN: 'short' })).toThrow(/METRICS_TOKEN: 16 to 256/);
  });

  it('reads the booking limits, and refuses one that would lift them', () => {
    expect(loadConfig({ BOOKING_MAX_GROUP: '25', BOOKING_MAX_PER_REF: '1', BOOKING_MAX_LAB_SESSIONS: '6' })).toMatchObject({ BOOKING_MAX_GROUP: 25, BOOKING_MAX_PER_REF: 1, BOOKING_MAX_LAB_SESSIONS: 6 });
    expect(() => loadConfig({ BOOKING_MAX_GROUP: '0' })).toThrow(/BOOKING_MAX_GROUP: /);
    expect(() => loadConfig({ BOOKING_MAX_PER_REF: '1000' })).toThrow(/BOOKING_MAX_PER_REF: /);
    expect(() => loadConfig({ BOOKING_MAX_LAB_SESSIONS: 'lots' })).toThrow(/BOOKING_MAX_LAB_SESSIONS: /);
  });
});

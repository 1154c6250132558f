import { z } from 'zod';
import { OrientaError } from '../bot/errors.js';

const Config = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'a PostgreSQL URL such as postgres://user@host:5432/orienta')
    .optional(),
  ORIENTA_DATA_DIR: z.string().min(1).default('./data'),
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
    .pipe(z.array(z.url({ message: 'a comma-separated list of origins such as https://www.provincia.mantova.it' })))
    .default([]),
  WEB_RATE_PER_MINUTE: z.coerce.number().int().min(1).max(10_000).default(30),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
}).superRefine((c, ctx) => {
  if (c.EMBEDDINGS_BASE_URL && !c.EMBEDDINGS_MODEL) {
    ctx.addIssue({ code: 'custom', path: ['EMBEDDINGS_MODEL'], message: 'is required when EMBEDDINGS_BASE_URL is set (for example text-embedding-3-small)' });
  }
  if (c.LLM_BASE_URL && !c.LLM_MODEL) {
    ctx.addIssue({ code: 'custom', path: ['LLM_MODEL'], message: 'is required when LLM_BASE_URL is set (for example gpt-4o-mini or llama3.1)' });
  }
});
export type Config = z.infer<typeof Config>;

/** Reads the environment once, at start. Anything wrong stops the process naming the variable and the fix. */
export function loadConfig(env: Record<string, string | undefined> = process.env, overrides: Partial<Record<keyof Config, string>> = {}): Config {
  const parsed = Config.safeParse({ ...pick(env), ...pick(overrides as Record<string, string | undefined>) });
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join('.') || 'configuration'}: ${i.message}`);
    throw new OrientaError('CONFIG_INVALID', `Invalid configuration. ${lines.join('; ')}. Fix the environment variable (or the matching option) and start again.`);
  }
  return parsed.data;
}

const KEYS = Object.keys(Config.shape);
function pick(source: Record<string, string | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of KEYS) {
    const v = source[key];
    if (v !== undefined && v !== '') out[key] = v;
  }
  return out;
}

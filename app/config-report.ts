import { display, isSecret, SETTINGS } from './config-docs.js';
import { CONFIG_KEYS, type ConfigCheck, type ConfigKey } from './config.js';

export const MASK = '****';
const SECRET_PARAM = /pass|secret|token|key|signature/i;

/**
 * A value safe to print: secrets masked whole, and any URL's password or secret-looking query
 * parameters masked wherever they are (a DATABASE_URL keeps its host and database, which help).
 */
export function masked(key: string, value: string): string {
  const url = asUrl(value);
  if (url) {
    if (url.password) url.password = MASK;
    for (const name of [...url.searchParams.keys()]) if (SECRET_PARAM.test(name)) url.searchParams.set(name, MASK);
    return decodeURIComponent(url.toString());
  }
  return isSecret(key) ? MASK : value;
}

function asUrl(value: string): URL | null {
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) return null;
  try {
    return new URL(value);
  } catch {
    return null;
  }
}

export interface EffectiveSetting {
  variable: ConfigKey;
  /** Masked where secret; '' when unset. */
  value: string;
  source: 'environment' | 'default' | 'unset';
}

/** Every setting with the value in force and where it came from. */
export function effectiveSettings(check: Extract<ConfigCheck, { ok: true }>): EffectiveSetting[] {
  const config = check.config as Record<string, unknown>;
  return CONFIG_KEYS.map((variable) => {
    const value = display(config[variable]);
    const source = check.given[variable] !== undefined ? 'environment' : value !== '' ? 'default' : 'unset';
    return { variable, value: value === '' ? '' : masked(variable, value), source };
  });
}

/** One line per problem: the variable, what is wrong, and a value that would pass. */
export function describeIssue(issue: { variable: string; message: string }, given: Partial<Record<string, string>> = {}): string {
  const doc = (SETTINGS as Record<string, { example: string; what: string } | undefined>)[issue.variable];
  // Unsetting only helps a variable that was set; a missing one has to be added.
  const fix = doc ? ` Fix: set ${issue.variable} to a value such as ${doc.example} (${doc.what})${given[issue.variable] !== undefined ? ', or unset it' : ''}.` : '';
  return `${issue.variable}: ${issue.message}.${fix}`;
}

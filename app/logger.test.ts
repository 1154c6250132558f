import { describe, expect, it } from 'vitest';
import { OrientaError } from '../domain/errors.js';
import { createLogger, REDACTED } from './logger.js';
import { countingErrors } from './observability/error-counting-logger.js';
import { errorCode } from './observability/metrics.js';

function capture(options: { logTexts?: boolean } = {}) {
  const lines: string[] = [];
  const logger = createLogger('debug', { ...options, destination: { write: (l: string) => void lines.push(l) } });
  return { logger, entries: () => lines.map((l) => JSON.parse(l) as Record<string, any>) };
}

/** A database error as PGlite raises it: the statement's parameters and the offending values on it. */
function dbError() {
  return Object.assign(new Error('duplicate key value violates unique constraint'), { code: '23505', detail: 'Key (user_id)=(telegram:42) already exists.', params: ['telegram:42', 'Giulia Rossi'] });
}

describe('the log', () => {
  it('keeps ids and codes, and redacts names, contacts, texts and a failed statement’s values', () => {
    const { logger, entries } = capture();
    logger.info({ conversationId: 'c-1', channel: 'telegram', text: 'sono Giulia, 333 1234567', booking: { code: 'LTO-7K3P', name: 'Giulia Rossi', contact: '333 1234567' }, email: 'g@example.it' }, 'turn');
    logger.error({ err: dbError(), conversationId: 'c-1' }, 'turn failed');
    logger.warn({ reason: 'ungrounded', violations: ['phone "333 1234567" is in no cited record'] }, 'LLM turn failed');
    logger.error({ err: new OrientaError('INTERNAL', 'wrapped', { cause: dbError() }) }, 'wrapped');
    const [turn, failed, llm, wrapped] = entries();
    expect(llm).toMatchObject({ reason: 'ungrounded', violations: REDACTED });
    expect(turn).toMatchObject({ conversationId: 'c-1', channel: 'telegram', text: REDACTED, booking: { code: 'LTO-7K3P', name: REDACTED, contact: REDACTED }, email: REDACTED });
    expect(failed).toMatchObject({ conversationId: 'c-1', err: { code: '23505', detail: REDACTED, params: REDACTED, message: 'duplicate key value violates unique constraint' } });
    // However the serializer shows a cause, its values stay out (checked on the whole log below).
    expect(wrapped!.err).toMatchObject({ code: 'INTERNAL', message: 'wrapped: duplicate key value violates unique constraint' });
    const all = JSON.stringify(entries());
    for (const personal of ['Giulia', '1234567', 'g@example.it', 'telegram:42']) expect(all).not.toContain(personal);
  });

  it('reaches into a platform update logged whole, without changing the object logged', () => {
    const { logger, entries } = capture();
    const update = { update_id: 9, message: { chat: { id: 42, first_name: 'Giulia', username: 'giuli' }, text: 'mi chiamo Giulia Rossi' } };
    const copy = structuredClone(update);
    logger.warn({ update, list: [{ contact: '333 1234567' }], err: Object.assign(new TypeError('bad'), { params: ['Giulia'] }) }, 'not understood');
    expect(update).toEqual(copy);
    const [entry] = entries();
    expect(entry!.update).toEqual({ update_id: 9, message: { chat: { id: 42, first_name: REDACTED, username: REDACTED }, text: REDACTED } });
    expect(entry!.list).toEqual([{ contact: REDACTED }]);
    expect(entry!.err).toMatchObject({ type: 'TypeError', message: 'bad', params: REDACTED, stack: expect.stringContaining('TypeError: bad') });
  });

  it('keeps what a failed statement stored out: the context PostgreSQL quotes, values in messages, objects too deep to look into', () => {
    const { logger, entries } = capture();
    // As PGlite raised it when a turn held a lone surrogate: the JSON being stored, quoted in `where`.
    const json = Object.assign(new Error('invalid input syntax for type json'), {
      code: '22P02',
      severity: 'ERROR',
      detail: 'Unicode low surrogate must follow a high surrogate.',
      where: 'JSON data, line 1: ...mi chiamo Giulia Rossi \\ud83d"...\nunnamed portal parameter $7 = \'...\'',
      internalQuery: 'SELECT 1',
    });
    const cast = Object.assign(new Error('invalid input syntax for type integer: "Giulia Rossi 333 1234567"'), { code: '22P02' });
    logger.error({ err: json, conversationId: 'c-3' }, 'turn failed');
    logger.error({ err: new OrientaError('INTERNAL', 'wrapped', { cause: cast }) }, 'wrapped');
    logger.warn({ a: { b: { c: { d: { e: { person: 'Giulia Rossi' } } } } } }, 'deep');
    let body: unknown;
    try {
      JSON.parse('Giulia Rossi, 333 1234567');
    } catch (error) {
      body = error;
    }
    logger.warn({ err: body }, 'chat api request failed');
    logger.error({ err: Object.assign(new Error('duplicate key value violates unique constraint "bookings_pkey"'), { code: '23505' }) }, 'kept');
    const [failed, wrapped, deep, parse, kept] = entries();
    expect(parse!.err.message).toMatch(/^Unexpected token .*"\[redacted\]"/);
    expect(kept!.err.message).toBe('duplicate key value violates unique constraint "bookings_pkey"');
    expect(failed).toMatchObject({ conversationId: 'c-3', err: { code: '22P02', message: 'invalid input syntax for type json', where: REDACTED, detail: REDACTED } });
    expect(wrapped!.err.message).toBe(`wrapped: invalid input syntax for type integer: "${REDACTED}"`);
    expect(deep!.a.b.c.d).toEqual({ e: REDACTED });
    const all = JSON.stringify(entries());
    for (const personal of ['Giulia', 'Rossi', '1234567']) expect(all).not.toContain(personal);
  });

  it('lets texts through only with LOG_TEXTS, never names or contacts', () => {
    const { logger, entries } = capture({ logTexts: true });
    logger.debug({ conversationId: 'c-2', text: 'corsi di saldatura', name: 'Giulia Rossi' }, 'turn');
    expect(entries()[0]).toMatchObject({ text: 'corsi di saldatura', name: REDACTED });
  });
});

describe('counting errors from the log', () => {
  it('counts each logged error by its stable code, through children too', () => {
    const counted: string[] = [];
    const { logger, entries } = capture();
    const log = countingErrors(logger, (e) => counted.push(errorCode(e)));
    log.error({ err: dbError() }, 'db');
    log.warn({ err: Object.assign(new Error('refused'), { code: 'ECONNREFUSED' }) }, 'slack down');
    log.child({ channel: 'telegram' }).error({ err: new OrientaError('DB_UNAVAILABLE', 'down') }, 'child');
    log.error({ err: new Error('no code at all') }, 'plain');
    log.warn({ reason: 'no error object' }, 'not counted');
    log.info({ err: new Error('info is not an error') }, 'not counted');
    expect(counted).toEqual(['23505', 'ECONNREFUSED', 'DB_UNAVAILABLE', 'INTERNAL']);
    expect(entries().map((e) => e.msg)).toEqual(['db', 'slack down', 'child', 'plain', 'not counted', 'not counted']);
    expect(entries()[2]).toMatchObject({ channel: 'telegram' });
  });
});

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { Engine } from '../../bot/engine.js';
import { PLAIN_TEXT, RICH, type Capabilities } from '../../domain/message.js';
import { PgCatalogueReader } from '../../knowledge/catalogue/pg-catalogue-reader.js';
import { conversationsSince, flaggedConversations, handoffsSince, waitlistedSince } from '../../knowledge/conversations/staff-review.js';
import { PgSessionStore } from '../../knowledge/conversations/pg-session-store.js';
import type { PgliteDatabase } from '../../knowledge/db/pglite-database.js';
import { openSampleEngine, talker } from '../../test/support/sample-engine.js';
import { CaseSpec } from '../case-schema.js';
import { readCaseFile } from '../cases.js';
import { reviewContext } from './context.js';
import { demandEvents } from './demand.js';
import { draftCases } from './draft-cases.js';
import { draftsYaml } from './draft-yaml.js';
import { groupDemand, type InsightGroup, type Insights } from './insights.js';
import { insightsTable } from './insights-table.js';

// Real conversations through the real engine on a real store, then what staff get out of them.

let db: PgliteDatabase;
let engine: Engine;
let dir: string;
const people: { userId: string; conversationId?: string }[] = [];

/** Someone on a channel: the channel's name is what the tags and the report may show. */
async function converse(userId: string, channel: string, lines: string[], caps: Capabilities = PLAIN_TEXT) {
  const u = talker(engine, userId, caps);
  for (const line of lines) await u.say(line, { channel });
  people.push({ userId, conversationId: u.conversationId });
  return u;
}

/** What must never reach staff output: who they are and how to reach them. */
const PERSONAL = ['Marco', 'Bianchi', '333 1234567', '3331234567', 'Giulia', 'Rossi', 'giulia.rossi', 'example.com', 'RSSMRA80A01E897X', 'Verdi 4'];

function expectNothingPersonal(output: string) {
  for (const p of PERSONAL) expect(output, `"${p}" leaked`).not.toContain(p);
  for (const { userId, conversationId } of people) {
    expect(output).not.toContain(userId);
    if (conversationId) expect(output).not.toContain(conversationId);
  }
  expect(output).not.toMatch(/LTO-[A-HJ-NP-Z2-9]{4}/);
}

beforeAll(async () => {
  ({ db, engine } = await openSampleEngine());
  dir = mkdtempSync(join(tmpdir(), 'orienta-staff-'));
  // Said the answer was wrong, after giving name, phone and fiscal code in the question.
  await converse('telegram:4242', 'telegram', ['sono Marco Bianchi (cf RSSMRA80A01E897X, via Verdi 4), cerco corsi di stampa 3d a viadana, chiamatemi al 333 1234567', 'risposta sbagliata']);
  // Nothing found, then a person asked for, then an email left for them.
  await converse('web:visitor-77', 'web', ['corso di pasticceria giapponese', 'voglio parlare con una persona', 'giulia.rossi@example.com']);
  // A full course: the summary offers the waitlist, the person joins it.
  await converse('telegram:991', 'telegram', ['mi iscrivo al corso C014', 'Giulia Rossi', '30', 'sì']);
  // Someone else reads that the same course is full.
  await converse('web:visitor-78', 'web', ['C014'], RICH);
  // The same unmet subject, in a comune.
  await converse('telegram:992', 'telegram', ['corsi di pasticceria giapponese a Sabbioneta']);
  // Chit-chat out of scope is no unmet demand; praise is no complaint.
  await converse('telegram:993', 'telegram', ['che tempo fa domani a mantova?']);
  await converse('telegram:994', 'telegram', ['corso di saldatura', 'risposta utile 👍']);
  // A person asked for before any answer.
  await converse('teams:prof-1', 'teams', ['voglio parlare con una persona']);
});
afterAll(async () => {
  await db?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function exportDrafts(since?: Date) {
  const ctx = await reviewContext(new PgCatalogueReader(db));
  const cases = draftCases(await flaggedConversations(db, since), await handoffsSince(db, since), { ...(since ? { since } : {}), keep: ctx.keep });
  return { cases, yaml: draftsYaml(cases, 'it', since?.toISOString()) };
}

async function insights(since?: Date): Promise<Insights> {
  const ctx = await reviewContext(new PgCatalogueReader(db));
  const events = await demandEvents({ conversations: await conversationsSince(db, since), handoffs: await handoffsSince(db, since), waitlisted: await waitlistedSince(db, since), ...(since ? { since } : {}) }, ctx);
  return groupDemand(events, since);
}

describe('feedback export', () => {
  it('drafts one case per answer judged wrong or followed by a request for a person, in the eval case format', async () => {
    const { yaml } = await exportDrafts();
    const file = join(dir, 'drafts.yaml');
    writeFileSync(file, yaml);
    const read = readCaseFile(file);
    expect(read.problems).toEqual([]);
    expect(read.cases.map((c) => c.tags.find((t) => t.startsWith('kind:from-')))).toEqual(['kind:from-feedback', 'kind:from-handoff', 'kind:from-handoff']);

    const [feedback, handoff, straightAway] = read.cases;
    expect(feedback!.tags).toEqual(expect.arrayContaining(['lang:it', 'channel:telegram', 'topic:courses']));
    expect(feedback!.turns).toHaveLength(1);
    expect(feedback!.turns[0]!.say).toContain('corsi di stampa 3d a viadana');
    // The bad answer is the search that found nothing, not the request for a person nor the email after it.
    expect(handoff!.tags).toEqual(expect.arrayContaining(['channel:web', 'topic:courses']));
    expect(handoff!.turns.map((t) => t.say)).toEqual(['corso di pasticceria giapponese']);
    expect(straightAway!.tags).toEqual(expect.arrayContaining(['channel:teams', 'topic:person']));
    expect(straightAway!.turns.map((t) => t.say)).toEqual(['voglio parlare con una persona']);
    expect(new Set(read.cases.map((c) => c.id)).size).toBe(3);
    // Drafts: nothing is expected until staff say what a good answer is.
    for (const c of read.cases) for (const t of c.turns) expect(t.expect).toBeUndefined();
  });

  it('removes personal data and ids, and keeps what the assistant answered as a comment', async () => {
    const { yaml } = await exportDrafts();
    expectNothingPersonal(yaml);
    expect(yaml).toContain('sono <nome> (cf <codice-fiscale>, <indirizzo>), cerco corsi di stampa 3d a viadana, chiamatemi al <telefono>');
    expect(yaml).toMatch(/# La risposta da rivedere \(find_course, fonti: nessuna\):\n\s+#\s+Non ho trovato nulla su «pasticceria giapponese»/);
    expect(yaml).toMatch(/#\s+intent: TODO\s+# find_course/);
  });

  it('gives a skeleton that, uncommented and filled in, is a valid expectation', async () => {
    const { yaml } = await exportDrafts();
    const block = yaml.split('\n').filter((l) => /^\s+#\s+(expect:|  \w+:)/.test(l)).slice(0, 8).map((l) => l.replace(/^(\s+)#\s/, '$1').replace(/\s+#.*$/, ''));
    const filled = block.join('\n').replace('intent: TODO', 'intent: find_course').replace('booking: TODO', 'booking: none').replace(/\[TODO\]/g, '[C008]');
    const expectation = parse(filled.replace(/^\s+/gm, (s) => s.slice(8)));
    const turn = CaseSpec.safeParse({ id: 'filled', turns: [{ say: 'corsi di stampa 3d a viadana', ...expectation }] });
    expect(turn.error?.issues ?? []).toEqual([]);
    expect(turn.data!.turns[0]!.expect!.cites).toEqual(['C008']);
  });

  it('leaves out praise, chit-chat, a full course nobody complained about, and everything before --since', async () => {
    const { cases } = await exportDrafts();
    const said = cases.flatMap((c) => c.turns.map((t) => t.say));
    for (const absent of ['corso di saldatura', 'che tempo fa domani a mantova?', 'mi iscrivo al corso C014']) expect(said).not.toContain(absent);
    expect((await exportDrafts(new Date(Date.now() + 60_000))).cases).toEqual([]);
    expect((await exportDrafts(new Date(Date.now() - 3_600_000))).cases).toHaveLength(3);
  });

  it('marks a case from both when someone said the answer was wrong and then asked for a person', async () => {
    const u = talker(engine, 'telegram:both', PLAIN_TEXT);
    await u.say('corsi di robotica subacquea', { channel: 'telegram' });
    await u.say('👎', { channel: 'telegram' });
    await u.press('handoff');
    const { cases } = await exportDrafts();
    const both = cases.find((c) => c.turns[0]?.say === 'corsi di robotica subacquea');
    expect(both?.from).toEqual(['feedback', 'handoff']);
    expect(both?.tags).toEqual(expect.arrayContaining(['kind:from-feedback', 'kind:from-handoff']));
    expect(cases.filter((c) => c.turns[0]?.say === 'corsi di robotica subacquea')).toHaveLength(1);
    await new PgSessionStore(db).eraseUser('telegram:both');
  });
});

describe('insights', () => {
  const group = (i: Insights, match: Partial<Pick<InsightGroup, 'area' | 'subject'>> & { record?: string; comune?: string | null }) =>
    i.groups.filter(
      (g) =>
        (match.area === undefined || g.area === match.area) &&
        (match.subject === undefined || g.subject === match.subject) &&
        (match.record === undefined || g.record?.id === match.record) &&
        (match.comune === undefined || (g.comune?.name ?? null) === match.comune),
    );

  it('groups what people did not get by topic and comune, with counts, most people first', async () => {
    const report = await insights();
    expect(group(report, { record: 'C014' })).toEqual([
      expect.objectContaining({ area: 'courses', comune: { code: '020015', name: 'Castel Goffredo' }, people: 2, full: 2, total: 2, record: { kind: 'course', id: 'C014', title: "Carrello elevatore: abilitazione all'uso" } }),
    ]);
    expect(group(report, { subject: 'pasticceria giapponese', comune: null })).toEqual([expect.objectContaining({ area: 'courses', people: 1, unanswered: 1, handoffs: 1, total: 2 })]);
    expect(group(report, { subject: 'pasticceria giapponese', comune: 'Sabbioneta' })).toEqual([expect.objectContaining({ people: 1, unanswered: 1 })]);
    expect(group(report, { subject: 'stampa 3d', comune: 'Viadana' })).toEqual([expect.objectContaining({ negativeFeedback: 1, total: 1 })]);
    expect(group(report, { area: 'person' })).toEqual([expect.objectContaining({ handoffs: 1, people: 1 })]);
    expect(report.groups[0]!.record?.id).toBe('C014');
    // Chit-chat and praise count for nothing; the totals are the sum of the groups.
    expect(report.groups.some((g) => g.subject.includes('tempo') || g.subject.includes('saldatura'))).toBe(false);
    expect(report.totals).toEqual({ people: 6, total: 7, unanswered: 2, negativeFeedback: 1, handoffs: 2, full: 2 });
    for (const key of ['unanswered', 'negativeFeedback', 'handoffs', 'full'] as const) expect(report.groups.reduce((n, g) => n + g[key], 0)).toBe(report.totals[key]);
  });

  it('prints no personal data, as JSON or as a table, and the same JSON every time', async () => {
    const report = await insights();
    const json = JSON.stringify(report);
    expectNothingPersonal(json);
    const table = insightsTable(report, 'it', null);
    expectNothingPersonal(table);
    expect(table).toMatch(/persone\s+totale\s+senza risposta\s+sbagliate\s+persona\s+esauriti\s+tema\s+comune/);
    expect(table).toMatch(/\n\s+2\s+2\s+0\s+0\s+0\s+2\s+corsi · C014 Carrello elevatore: abilitazione all'uso\s+Castel Goffredo\n/);
    expect(insightsTable(report, 'en', null)).toContain('courses · pasticceria giapponese');
    expect(JSON.stringify(await insights())).toBe(json);
    expect(Object.keys(report.groups[0]!)).toEqual(['area', 'subject', 'record', 'comune', 'people', 'total', 'unanswered', 'negativeFeedback', 'handoffs', 'full', 'examples']);
  });

  it('counts only what happened since the date asked', async () => {
    const none = await insights(new Date(Date.now() + 60_000));
    expect(none.groups).toEqual([]);
    expect(insightsTable(none, 'it', '2099-01-01 00:00')).toBe('Domanda non soddisfatta dal 2099-01-01 00:00\n0 persone: 0 senza risposta, 0 risposte giudicate sbagliate, 0 richieste di una persona, 0 posti esauriti\n\nNessuna domanda rimasta senza risposta nel periodo.\n');
    const recent = await insights(new Date(Date.now() - 3_600_000));
    // The waitlisted booking is dated by the engine's fixed clock (2026-11-25); the chat turns by the store.
    expect(recent.totals).toMatchObject({ unanswered: 2, negativeFeedback: 1, handoffs: 2 });
  });
});

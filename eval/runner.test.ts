import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../app/config.js';
import { loadCases } from './cases.js';
import { openEvalEnvironment, type EvalEnvironment } from './environment.js';
import { citedSources, groundingViolations } from './grounding.js';
import { runCases } from './runner.js';

function casesFrom(yaml: string) {
  const dir = mkdtempSync(join(tmpdir(), 'orienta-run-'));
  writeFileSync(join(dir, 'cases.yaml'), yaml);
  return loadCases([dir]).cases;
}

// The real engine on the sample catalogue, as `orienta eval` prepares it.
describe('running cases through the engine', { timeout: 120_000 }, () => {
  let env: EvalEnvironment;
  beforeAll(async () => {
    env = await openEvalEnvironment({ config: loadConfig({}) });
  }, 240_000);
  afterAll(() => env?.close());

  it('passes a case whose every expectation holds, and fails each kind with its reason', async () => {
    const [good, bad] = await runCases(
      env,
      casesFrom(`
defaults:
  tags: [topic:courses, lang:it]
cases:
  - id: all-right
    turns:
      - say: "corsi di stampa 3d a viadana"
        expect:
          intent: [find_course, site_info]
          cites: [C008]
          cites_any: [C001, C008]
          not_cites: [C012]
          retrieved: { ids: [C008], k: 3 }
          says: ["STAMPA 3D", ["12 gennaio", "3 febbraio"]]
          not_says: ["saldatura"]
          dont_know: false
          offers_person: false
          booking: none
  - id: all-wrong
    turns:
      - say: "corsi di stampa 3d a viadana"
        expect:
          intent: services
          cites: [C001]
          cites_any: [C001, C002]
          not_cites: [C008]
          retrieved: { ids: [C012], k: 1 }
          says: ["saldatura", ["12 gennaio", "12/01/2027"]]
          not_says: ["stampa 3d"]
          dont_know: true
          offers_person: true
          booking: created
`),
    );
    expect(good!.failures).toEqual([]);
    expect(good!.passed).toBe(true);
    expect(good!.turns[0]!.checks.map((c) => [c.expectation, c.ok])).toEqual([
      ['intent', true], ['cites', true], ['cites_any', true], ['not_cites', true], ['retrieved', true], ['says', true], ['says', true],
      ['not_says', true], ['dont_know', true], ['offers_person', true], ['booking', true],
    ]);

    expect(bad!.passed).toBe(false);
    const cited = good!.turns[0]!.reply!.citations.map((c) => c.id).join(', ');
    expect(bad!.failures).toEqual([
      'turn 1: intent: expected services, got find_course',
      `turn 1: cites: C001 not cited (cited: ${cited})`,
      `turn 1: cites_any: none of C001, C002 cited (cited: ${cited})`,
      'turn 1: not_cites: C008 cited, and must not be',
      expect.stringMatching(/^turn 1: retrieved: C012 not in the top 1 \(top 1: C008; C012 (at rank \d+|not in the first \d+)\)$/),
      'turn 1: says: "saldatura" in the reply',
      'turn 1: says: none of "12 gennaio" or "12/01/2027" in the reply',
      'turn 1: not_says: the reply says "stampa 3d"',
      `turn 1: dont_know: expected "I don't know" with a person offered; it answers, citing ${cited}`,
      'turn 1: offers_person: no handoff button or mention of a person in the reply',
      'turn 1: booking: expected created, got none (the bookings did not change)',
    ]);
  });

  it('follows a booking through press and action turns, sees its effect, and gives the seat back', async () => {
    const [booked, wrong] = await runCases(
      env,
      casesFrom(`
cases:
  - id: book-c008
    user: eval:booker
    turns:
      - say: "corsi di stampa 3d a viadana"
      - press: 1
        expect: { intent: details, cites: [C008] }
      - action: "book:course:C008"
        expect: { booking: none, says: ["come ti chiami"] }
      - say: Giulia Rossi
        expect: { booking: none, says: ["riepilogo"] }
      - say: "sì"
        expect: { booking: created, says: ["LTO"] }
  - id: book-expecting-nothing
    turns:
      - action: "book:course:C008"
      - say: Mario Bianchi
      - say: "sì"
        expect: { booking: none, dont_know: true }
`),
    );
    expect(booked!.failures).toEqual([]);
    expect(booked!.turns[1]!.sent).toEqual({ action: 'details:course:C008' });
    expect(booked!.turns[4]!.booking).toEqual(['created']);
    expect(wrong!.failures).toEqual([
      `turn 3: dont_know: expected "I don't know" with a person offered; it answers, citing C008`,
      'turn 3: booking: expected none, got created',
    ]);
    // Each case gives its seats back: the next case finds the catalogue as the partner left it.
    const mine = await env.bookings.listForUser('eval:booker');
    expect(mine.map((b) => b.status)).toEqual(['cancelled']);
  });

  it('stops a conversation at a press past the choices offered, and counts its turns as not sent', async () => {
    const [r] = await runCases(
      env,
      casesFrom(`
cases:
  - id: press-too-far
    turns:
      - say: ciao
      - press: 9
      - say: "corsi di saldatura"
        expect: { cites: [C012] }
`),
    );
    expect(r!.passed).toBe(false);
    expect(r!.failures).toEqual([expect.stringMatching(/^turn 2: press 9: the previous reply offered only \d choices \(.+\)$/)]);
    expect(r!.turns[2]).toMatchObject({ skipped: true, reply: null, checks: [] });
  });

  it("answers at the case's own clock, else the run's", async () => {
    const [before, after] = await runCases(
      env,
      casesFrom(`
cases:
  - id: c008-now
    turns:
      - action: "details:course:C008"
        expect: { not_says: ["già terminato"] }
  - id: c008-later
    now: 2027-06-01T10:00:00+02:00
    turns:
      - action: "details:course:C008"
        expect: { says: ["già terminato"] }
`),
    );
    expect(before!.failures).toEqual([]);
    expect(before!.now).toBe('2026-11-25T09:00:00.000Z');
    expect(after!.failures).toEqual([]);
    const [moved] = await runCases(env, casesFrom('cases:\n  - id: c008-run-clock\n    turns: [{ action: "details:course:C008", expect: { says: ["già terminato"] } }]\n'), { now: new Date('2027-05-01T10:00:00+02:00') });
    expect(moved!.failures).toEqual([]);
  });

  it('finds no grounding violation in template answers, and measures every turn', async () => {
    // "quanto costa?" and "come ci arrivo?" are about the course in focus: dates, prices, addresses, phones.
    const [r] = await runCases(env, casesFrom('cases:\n  - id: details\n    turns: [{ say: "corsi di saldatura" }, { press: 3 }, { say: "quanto costa?" }, { say: "come ci arrivo?" }, { action: "details:site:S03" }]\n'));
    for (const t of r!.turns) {
      expect(t.grounding).toEqual([]);
      expect(t.latencyMs).toBeGreaterThan(0);
      expect(t.reply!.citations.length).toBeGreaterThan(0);
    }
  });

  it('measures retrieval on the turns of written cases, not on those that opt out (the generated ones)', async () => {
    const [written] = casesFrom('cases:\n  - id: written\n    turns: [{ say: "corsi di stampa 3d a viadana", expect: { cites: [C008] } }]\n');
    const [measured, skipped] = await runCases(env, [written!, { ...written!, id: 'generated', retrieval: false }]);
    expect(measured!.turns[0]!.retrieval).toMatchObject({ relevant: ['C008'], k: 3 });
    expect(skipped!.turns[0]!.retrieval).toBeUndefined();
    expect(skipped!.turns[0]!.checks.map((k) => [k.expectation, k.ok])).toEqual(measured!.turns[0]!.checks.map((k) => [k.expectation, k.ok]));
  });

  it('names the facts of an answer that no cited record holds', async () => {
    const now = new Date('2026-11-25T10:00:00+01:00');
    const reply = {
      conversationId: 'x',
      intent: 'find_course' as const,
      lang: 'it' as const,
      citations: [{ kind: 'course', id: 'C012', title: 'Saldatura base' }],
      messages: [{ type: 'text' as const, text: 'Saldatura base (C012) inizia il 25 gennaio 2027, costa 90 €, tel. 0376 999999, info@inventato.it. Solo gratuiti? Il codice LTO-AB12 è tuo.' }],
    };
    const sources = await citedSources(env.catalogue, new Map(), reply, now);
    expect(sources.length).toBeGreaterThan(0);
    expect(groundingViolations({ reply, now, bookings: [], said: [] }, sources)).toEqual([
      'email "info@inventato.it" is in no source',
      'amount "90 €" is in no source',
      'phone "0376 999999" is in no source',
      'code "LTO-AB12" is in no source',
    ]);
    // What the person wrote is theirs to be read back.
    expect(groundingViolations({ reply, now, bookings: [], said: ['chiamatemi allo 0376 999999 o info@inventato.it'] }, sources)).toEqual(['amount "90 €" is in no source', 'code "LTO-AB12" is in no source']);
  });
});

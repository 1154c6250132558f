import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addTestSlots, TEST_SLOTS } from '../../test/support/booking-fixtures.js';
import { APP_ID, cardsIn, readableActivities, startTeamsApp, submitsIn, type TeamsApp } from '../../test/support/teams-app.js';

// Teachers on Teams, end to end: the real app and the real botbuilder, a fake Bot Framework over
// real HTTP that signs the requests and records what the bot sends on the connector.

let app: TeamsApp;
beforeAll(async () => {
  app = await startTeamsApp();
  await addTestSlots(app.orienta.store.db);
});
afterAll(() => app?.close());

const codeIn = (text: string) => text.match(/LTO-[A-Z0-9]{4}/)?.[0];

describe('a course search in Teams', () => {
  it('is answered on the connector with Adaptive Cards, as a reply, with the bot’s own token', async () => {
    const maria = app.person('maria');
    const asked = maria.activity({ text: '<at>Orienta</at> corsi di stampa 3d a viadana', entities: [{ type: 'mention', text: '<at>Orienta</at>', mentioned: { id: `28:${APP_ID}`, name: 'Orienta' } }] });
    await maria.send(asked);
    const replies = maria.replies();
    expect(replies.length).toBeGreaterThan(0);
    expect(replies.every((r) => r.replyToId === asked.id)).toBe(true);
    const cards = cardsIn(replies);
    expect(cards[0]).toMatchObject({ type: 'AdaptiveCard', version: '1.5' });
    const titles = cards.map((c) => c.body[0].text);
    expect(titles).toContain('Stampa 3D e taglio laser per maker');
    const course = cards.find((c) => c.body[0].text === 'Stampa 3D e taglio laser per maker');
    expect(course.body.find((b: any) => b.type === 'FactSet').facts).toContainEqual({ title: 'Costo', value: '120 €' });
    expect(course.actions).toContainEqual({ type: 'Action.Submit', title: 'Dettagli', data: { orienta: 'details:course:C008' } });
    const site = cards.find((c) => c.actions.some((a: any) => a.type === 'Action.OpenUrl'));
    expect(site.actions.find((a: any) => a.type === 'Action.OpenUrl').url).toMatch(/^https:\/\//);
    // The bot asked Entra for a Bot Framework token, and showed it to the connector.
    expect(app.fake.tokenRequests[0]?.get('scope')).toBe('https://api.botframework.com/.default');
    expect(replies[0]!.authorization).toBe(`Bearer ${app.fake.lastIssuedToken}`);
    // The engine read the question without the @mention.
    const [turn] = await app.orienta.store.db.query<{ text: string }>("SELECT t.inbound->>'text' AS text FROM turns t JOIN conversations c ON c.id = t.conversation_id WHERE c.user_id = $1", [maria.userId]);
    expect(turn!.text).toBe('corsi di stampa 3d a viadana');
  });

  it('takes a card’s button as the action it carries', async () => {
    const maria = app.person('maria');
    await maria.submit({ orienta: 'details:course:C008' });
    const text = readableActivities(maria.replies());
    expect(text).toContain('Stampa 3D e taglio laser per maker');
    expect(text).toContain('25 gennaio 2027');
  });
});

describe('a lab session booked by a teacher', () => {
  it('through the form: date, class, group size and name in one card, a summary, then the yes', async () => {
    const anna = app.person('anna');
    await anna.submit({ orienta: 'book:site:S02' });
    const [form] = cardsIn(anna.replies());
    expect(form.body[0].text).toBe('Prenota una sessione di laboratorio');
    const inputs = Object.fromEntries(form.body.filter((b: any) => b.type.startsWith('Input.')).map((b: any) => [b.id, b]));
    expect(Object.keys(inputs)).toEqual(['slot', 'class', 'group', 'name']);
    expect(inputs.slot.choices.map((c: any) => c.value)).toEqual(expect.arrayContaining(['SL066', 'SL068']));
    expect(inputs.name.value).toBe('Anna Bianchi');
    expect(form.body.find((b: any) => b.type === 'FactSet').facts[0].value).toContain('Fermi');
    const submit = submitsIn([form])[0]!;

    await anna.submit({ ...submit, slot: 'SL066', class: '4b', group: '15', name: 'Anna Bianchi' });
    const summary = anna.replies();
    expect(readableActivities(summary)).toContain('3 dicembre 2026');
    expect(readableActivities(summary)).toContain('Classe: 4B');
    expect(submitsIn(cardsIn(summary))).toContainEqual({ orienta: 'confirm' });
    expect(await app.orienta.bookings.listForUser(anna.userId)).toHaveLength(0);

    await anna.submit({ orienta: 'confirm' });
    const done = anna.replies();
    const code = codeIn(readableActivities(done));
    expect(code).toBeDefined();
    const ics = done.flatMap((d) => d.activity.attachments ?? []).find((a: any) => a.contentType === 'text/calendar');
    expect(ics.name).toBe(`${code}.ics`);
    expect(Buffer.from(ics.contentUrl.replace(/^data:text\/calendar;base64,/, ''), 'base64').toString()).toContain('BEGIN:VEVENT');
    const [booking] = await app.orienta.bookings.listForUser(anna.userId);
    expect(booking).toMatchObject({ code, slotId: 'SL066', className: '4B', groupSize: 15, status: 'confirmed', channel: 'teams' });
  });

  it('in English for a teacher whose Teams is in English', async () => {
    const emma = app.person('emma', { locale: 'en-GB' });
    await emma.submit({ orienta: 'book:site:S03' });
    const [form] = cardsIn(emma.replies());
    expect(form.body[0].text).toBe('Book a lab session');
    expect(form.body.find((b: any) => b.id === 'group').label).toBe('Number of students');
  });

  it('in words: «prenota il FabLab del Fermi per la mia 4B, 24 studenti, a gennaio»', async () => {
    const luca = app.person('luca');
    await luca.say('prenota il FabLab del Fermi per la mia 4B, 24 studenti, a gennaio');
    expect(readableActivities(luca.replies())).toMatch(/al massimo 16/);
    await luca.say('16');
    expect(readableActivities(luca.replies())).toMatch(/Come ti chiami/);
    await luca.say('Luca Verdi');
    const summary = readableActivities(luca.replies());
    expect(summary).toContain('Classe: 4B');
    expect(summary).toContain('Persone: 16');
    await luca.say('sì');
    expect(codeIn(readableActivities(luca.replies()))).toBeDefined();
    expect((await app.orienta.bookings.listForUser(luca.userId))[0]).toMatchObject({ slotId: 'SL068', className: '4B', groupSize: 16, status: 'confirmed' });
  });

  it('is cancelled after a yes of its own', async () => {
    const luca = app.person('luca');
    const [booking] = await app.orienta.bookings.listForUser(luca.userId);
    await luca.say(`annulla ${booking!.code}`);
    const asked = luca.replies();
    expect(readableActivities(asked)).toContain(`Vuoi annullare la prenotazione ${booking!.code}`);
    expect((await app.orienta.bookings.get(booking!.code))!.status).toBe('confirmed');
    await luca.submit({ orienta: 'confirm' });
    expect(readableActivities(luca.replies())).toContain(`Prenotazione ${booking!.code} annullata`);
    expect((await app.orienta.bookings.get(booking!.code))!.status).toBe('cancelled');
  });
});

describe('people reached outside a turn', () => {
  it('a handoff is queued for staff, and a staff reply reaches the teacher in Teams', async () => {
    const sara = app.person('sara');
    await sara.say('vorrei parlare con una persona');
    expect(readableActivities(sara.replies())).toMatch(/operatore/);
    const [handoff] = await app.orienta.store.db.query<{ channel: string; status: string }>('SELECT channel, status FROM handoffs WHERE user_id = $1', [sara.userId]);
    expect(handoff).toEqual({ channel: 'teams', status: 'open' });

    expect(await app.orienta.messenger.send(sara.userId, (lang) => [{ type: 'text', text: lang === 'it' ? 'Buongiorno, sono Paola della segreteria LTO.' : 'Hello' }])).toBe(true);
    const [staff] = sara.replies();
    expect(staff!.activity.text).toBe('Buongiorno, sono Paola della segreteria LTO.');
    // A new message in the chat, not a reply to the teacher's last one.
    expect(staff!.replyToId).toBeUndefined();
  });

  it('a teacher waitlisted is told on Teams when a place frees up', async () => {
    const slot = TEST_SLOTS.small;
    const first = app.person('primo');
    const waiting = app.person('giulia');
    await first.say('ciao');
    await waiting.say('ciao');
    first.replies();
    waiting.replies();
    const booked = await app.orienta.bookings.book({ slotId: slot.id, userId: first.userId, channel: 'teams', name: 'Primo Rossi' });
    await app.orienta.bookings.book({ slotId: slot.id, userId: 'teams:aad-other', channel: 'teams', name: 'Altra Persona' });
    const queued = await app.orienta.bookings.book({ slotId: slot.id, userId: waiting.userId, channel: 'teams', name: 'Giulia Bianchi', waitlist: true });
    if (!booked.ok || !queued.ok) throw new Error('setup: booking refused');
    expect(queued.booking.status).toBe('waitlisted');

    await first.say(`annulla ${booked.booking.code}`);
    first.replies();
    await first.say('sì');
    expect(readableActivities(first.replies())).toContain('annullata');
    const told = waiting.replies();
    expect(told).toHaveLength(1);
    expect(told[0]!.activity.text).toContain(queued.booking.code);
    expect(told[0]!.activity.text).toMatch(/si è liberato un posto/);
    expect((await app.orienta.bookings.get(queued.booking.code))!.status).toBe('confirmed');
  });
});

describe('Teams delivering twice, and the connector failing', () => {
  it('answers an activity delivered twice once, even when the copies race', async () => {
    const piero = app.person('piero');
    const activity = piero.activity({ text: 'corsi di saldatura' });
    await Promise.all([piero.send(activity), piero.send(activity)]);
    await piero.send(activity);
    const replies = piero.replies();
    expect(replies.length).toBeGreaterThan(0);
    expect(new Set(replies.map((r) => r.replyToId))).toEqual(new Set([activity.id]));
    const [turns] = await app.orienta.store.db.query<{ n: number }>("SELECT count(*)::int AS n FROM turns t JOIN conversations c ON c.id = t.conversation_id WHERE c.user_id = 'teams:aad-piero'");
    expect(turns!.n).toBe(1);
    // One reply: as many activities as one answer has, not twice as many.
    const single = app.person('piera');
    await single.say('corsi di saldatura');
    expect(replies.length).toBe(single.replies().length);
  });

  it('retries a reply the connector refused with 500s, then delivers it once', async () => {
    const rita = app.person('rita');
    app.fake.failNext(2, 500);
    await rita.say('ciao');
    const replies = rita.replies();
    const unhurried = app.person('rina');
    await unhurried.say('ciao');
    expect(replies.length).toBe(unhurried.replies().length);
    const retried = app.logs.filter((l) => l.includes('teams sendActivity failed; retrying'));
    expect(retried).toHaveLength(2);
    expect(retried[0]).toContain('"attempt":1');
    // The SDK's error carries the request, and its headers the bot's token: the log must not.
    expect(app.logs.join('\n')).not.toContain(app.fake.lastIssuedToken);
  });

  it('gives up on a reply the connector refuses for good (403), keeps serving, and logs it', async () => {
    const rosa = app.person('rosa');
    app.fake.failNext(1, 403);
    await rosa.say('ciao');
    // The first activity of the answer was refused, so nothing after it was sent either.
    expect(rosa.replies()).toHaveLength(0);
    expect(app.logs.some((l) => l.includes('teams reply not delivered'))).toBe(true);
    expect(app.logs.join('\n')).not.toContain(app.fake.lastIssuedToken);
    await rosa.say('corsi di saldatura');
    expect(rosa.replies().length).toBeGreaterThan(0);
  });
});

describe('the bot added to a personal chat', () => {
  it('introduces itself with the menu', async () => {
    const nuovo = app.person('nuovo');
    await nuovo.send(nuovo.activity({ type: 'conversationUpdate', text: undefined, membersAdded: [{ id: `28:${APP_ID}` }] }));
    expect(submitsIn(cardsIn(nuovo.replies()))).toContainEqual({ orienta: 'menu:courses' });
  });
});

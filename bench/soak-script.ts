// One person's visit in the soak: a search, a refinement, a detail, a booking answered step by
// step, and now and then a cancellation. Channel-neutral: `send` is the web API or Telegram.
import { t } from '../bot/answer/texts.js';
import { decodeAction, encodeAction } from '../domain/action.js';
import type { RecordRef } from '../domain/ports.js';

export interface SoakReply {
  intent: string;
  text: string;
  /** The actions of the buttons offered, in order. */
  actions: string[];
}
export type Send = (body: { text?: string; action?: string }) => Promise<SoakReply>;

const T = t('it').booking;
const CODE = /LTO-[A-Z0-9]{4}/;
const SEARCHES = ['corsi di stampa 3d a viadana', 'corsi gratuiti di coding', 'come faccio la DID?', 'laboratori di robotica per le scuole', 'corsi di italiano per stranieri', 'orari del centro per l impiego di Suzzara', 'welding course in Mantova'];
const TARGETS: RecordRef[] = [
  { kind: 'service', id: 'SV01' },
  { kind: 'service', id: 'SV02' },
  { kind: 'course', id: 'C001' },
  { kind: 'course', id: 'C008' },
];

export interface VisitResult {
  turns: number;
  booked: string | null;
  waitlisted: boolean;
  cancelled: boolean;
}

export async function visit(send: Send, n: number, i: number): Promise<VisitResult> {
  let turns = 0;
  const say = async (body: { text?: string; action?: string }) => {
    turns++;
    return send(body);
  };
  await say({ text: SEARCHES[(n + i) % SEARCHES.length] });
  await say({ text: i % 2 ? 'e online?' : 'solo gratuiti' });
  await say({ text: '1' });
  let reply = await say({ action: encodeAction({ type: 'book', ref: TARGETS[(n * 7 + i) % TARGETS.length]! }) });
  // The first date offered, then whatever the flow asks.
  const slot = reply.actions.find((a) => decodeAction(a)?.type === 'slot');
  reply = await say(slot ? { action: slot } : { text: '1' });
  let booked: string | null = null;
  let waitlisted = false;
  for (let step = 0; step < 8 && !booked; step++) {
    const said = reply.text;
    if (said.includes(T.askName)) reply = await say({ text: 'Giulia Rossi' });
    else if (said.includes(T.askContact)) reply = await say({ text: `giulia${n}@example.com` });
    else if (said.includes(T.askAge(14).split('14')[0]!.slice(0, 20))) reply = await say({ text: '17' });
    else if (said.includes(T.confirmWaitlist)) {
      waitlisted = true;
      reply = await say({ text: 'sì' });
    } else if (said.includes(T.confirm)) reply = await say({ text: 'sì' });
    else if (CODE.test(said)) booked = said.match(CODE)![0];
    else break;
  }
  let cancelled = false;
  if (booked && i % 3 !== 0) {
    await say({ text: `annulla ${booked}` });
    cancelled = (await say({ text: 'sì' })).intent === 'cancel';
  }
  return { turns, booked, waitlisted, cancelled };
}

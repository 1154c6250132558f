import { it } from 'vitest';
import { PLAIN_TEXT } from './message.js';
import { createLogger } from '../app/logger.js';
import { openSampleEngine, readable, talker } from '../test/support/sample-engine.js';
it('probe', async () => {
  const lines: string[] = [];
  const logger = createLogger('debug', { destination: { write: (l: string) => void lines.push(l) } });
  const { engine, db } = await openSampleEngine({ logger });
  const u = talker(engine, undefined, PLAIN_TEXT);
  const long = 'Voglio parlare con un operatore, mi chiamo Franca Rossi. ' + 'a'.repeat(2000 - 57 - 1) + '😀 fine';
  console.log(long.length, JSON.stringify(long.slice(1995, 2001)));
  console.log(readable(await u.say(long)));
  console.log(readable(await u.say('voglio parlare con un operatore, mi chiamo Franca Rossi \ud83d ok')));
  console.log(readable(await u.say('ciao', { action: 'handoff\u0000x' })));
  console.log(lines.join('\n'));
  console.log(JSON.stringify(await db.query('select id, reason, summary from handoffs')).slice(0, 1000));
}, 60000);

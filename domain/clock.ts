/** Time is a port so answers ("corsi che iniziano a gennaio") are reproducible with `--now`. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export function fixedClock(at: Date): Clock {
  return { now: () => new Date(at.getTime()) };
}

/** The calendar date in Italy, which is what "oggi" means to every user of the network. */
// Made once: constructing an Intl formatter costs far more than formatting with it.
const ROME_DAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Rome', year: 'numeric', month: '2-digit', day: '2-digit' });

export function italianDate(at: Date): string {
  return ROME_DAY.format(at);
}

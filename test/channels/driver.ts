import type { Orienta } from '../../app/orienta.js';

/** What a person got back from a channel, whatever the platform draws it with. */
export interface Seen {
  /** Everything readable, flattened: texts, card titles and facts, buttons' labels, captions. */
  text: string;
  /** The engine's actions on the buttons shown, decoded where the platform carries them encoded. */
  actions: string[];
  /** Ids of the records the answer cites: its sources where the channel shows them, and those its buttons act on. */
  cited: string[];
  /** Names of the files sent. */
  files: string[];
  /** How many platform messages it took (bubbles, activities, posts). */
  count: number;
}

/** A person on one channel. Each call waits until the channel has answered (or refused) it. */
export interface Person {
  /** The user id the engine and the store know the person by (after their first message on the web). */
  readonly userId: string;
  say(text: string): Promise<Seen>;
  /** Presses the button carrying `action` in the last answer; throws when no such button was shown. */
  press(action: string): Promise<Seen>;
  /**
   * The same message delivered three times, as platforms and browsers do: two copies racing, one
   * after. `seen` is all the person got; `responses` what each copy got back in its own HTTP
   * response, for a channel whose answer is the response (the web), else empty.
   */
  sayRedelivered(text: string): Promise<{ seen: Seen; responses: Seen[] }>;
  /** The same as `say`, but not signed by the platform (a wrong secret, key or signature; another site's page). */
  sayForged(text: string): Promise<Response>;
}

export interface ChannelDriver {
  readonly channel: 'telegram' | 'teams' | 'slack' | 'web';
  readonly orienta: Orienta;
  /** Someone new on the channel. */
  person(): Person;
}

/** The records a set of engine actions is about ("details:course:C008" is about C008). */
export function idsInActions(actions: string[]): string[] {
  return actions.flatMap((a) => a.match(/^(?:details|book):[a-z]+:([^:?]+)$/)?.slice(1) ?? []);
}

export const unique = <T>(xs: T[]): T[] => [...new Set(xs)];

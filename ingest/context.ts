import { fold } from '../text/normalize.js';
import type { Comune } from '../domain/model/index.js';

/**
 * What a source may look up while it reads: the comuni known so far (in the store, plus those
 * read earlier in the same run), so a partner's "Viadana" or a school's "L020" becomes a code.
 */
export class ComuneLookup {
  private readonly byCode = new Map<string, Comune>();
  private readonly byCadastral = new Map<string, Comune>();
  private readonly byName = new Map<string, Comune>();

  constructor(comuni: Iterable<Comune> = []) {
    for (const c of comuni) this.add(c);
  }

  add(c: Comune): void {
    this.byCode.set(c.code, c);
    this.byCadastral.set(c.cadastralCode, c);
    this.byName.set(fold(c.name), c);
  }

  byIstatCode(code: string): Comune | undefined {
    return this.byCode.get(code.trim().padStart(6, '0'));
  }

  byCadastralCode(code: string): Comune | undefined {
    return this.byCadastral.get(code.trim().toUpperCase());
  }

  /** "Castiglione delle Stiviere", "CASTIGLIONE D/STIVIERE" is not guessed: exact folded names only. */
  byComuneName(name: string): Comune | undefined {
    return this.byName.get(fold(name));
  }

  get size(): number {
    return this.byCode.size;
  }
}

export interface IngestContext {
  comuni: ComuneLookup;
}

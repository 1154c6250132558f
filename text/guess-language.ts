const COMMON_WORDS: Record<string, string[]> = {
  it: ['il', 'lo', 'la', 'gli', 'le', 'di', 'che', 'è', 'per', 'con', 'del', 'della', 'sono', 'non', 'una', 'anche', 'nel', 'alla'],
  en: ['the', 'and', 'of', 'to', 'is', 'are', 'for', 'with', 'you', 'this', 'that', 'can', 'not', 'from', 'your', 'be'],
  fr: ['le', 'les', 'des', 'est', 'et', 'pour', 'avec', 'vous', 'une', 'dans', 'sur', 'pas', 'du', 'au', 'ce', 'qui'],
  es: ['el', 'los', 'las', 'es', 'y', 'para', 'con', 'por', 'una', 'del', 'que', 'en', 'se', 'su', 'como', 'está'],
  de: ['der', 'die', 'das', 'und', 'ist', 'für', 'mit', 'sie', 'nicht', 'ein', 'eine', 'zu', 'den', 'auf', 'auch', 'sind'],
};

/** Counting common short words is enough to tell the few languages a brochure here comes in; too little text says nothing. */
export function guessLanguage(text: string): string | undefined {
  const words = text.toLowerCase().match(/\p{L}+/gu) ?? [];
  const scores = Object.entries(COMMON_WORDS).map(([lang, list]) => {
    const set = new Set(list);
    return [lang, words.filter((w) => set.has(w)).length] as const;
  });
  scores.sort((a, b) => b[1] - a[1]);
  const [best, second] = scores;
  if (!best || best[1] < 3 || best[1] < (second?.[1] ?? 0) * 1.5) return undefined;
  return best[0];
}

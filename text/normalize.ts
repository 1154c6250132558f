const ASCII = /^[\x00-\x7f]*$/;

/** Lower case, accents folded ("perché" -> "perche"), punctuation to spaces, spaces collapsed. */
export function fold(text: string): string {
  // Plain ASCII has nothing to decompose and only [a-z0-9] as letters and digits: same result, much cheaper.
  if (ASCII.test(text)) return text.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

export function words(text: string): string[] {
  const folded = fold(text);
  return folded ? folded.split(' ') : [];
}

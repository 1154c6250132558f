/**
 * How people type in chats, in Italian and English: "x" for "per", "nn" for "non", "qnd" for
 * "quando", "im" for "i m". Folded text in (text/normalize.ts), the words written out.
 */
const CHAT: Record<string, string> = {
  x: 'per', xk: 'perche', xke: 'perche', xche: 'perche', pk: 'perche', nn: 'non', cmq: 'comunque', ke: 'che', k: 'che',
  qnd: 'quando', qndo: 'quando', qnt: 'quanto', qnto: 'quanto', dv: 'dove', sn: 'sono', tt: 'tutto', qlc: 'qualche',
  qlk: 'qualche', qcs: 'qualcosa', qlcs: 'qualcosa', cm: 'come', km: 'come', nsp: 'non so', grz: 'grazie', pls: 'please',
  plz: 'please', thx: 'thanks', u: 'you', r: 'are', ur: 'your', im: 'i m', ive: 'i ve', dont: 'don t', cant: 'can t',
  whats: 'what s', wheres: 'where s', hows: 'how s', wanna: 'want to', gonna: 'going to', ce: 'c e',
  // Elided forms left by folding: "dov'è", "cos'è", "com'è".
  dov: 'dove', cos: 'cosa', com: 'come', qual: 'quale', raga: 'ragazzi', prof: 'professore',
};

export function expandChat(folded: string): string {
  if (!folded) return folded;
  return folded
    .split(' ')
    .map((w) => (Object.hasOwn(CHAT, w) ? CHAT[w]! : w))
    .join(' ');
}

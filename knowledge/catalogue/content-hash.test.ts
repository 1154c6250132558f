import { describe, expect, it } from 'vitest';
import { contentHash } from './content-hash.js';

describe('contentHash', () => {
  it('ignores key order and undefined properties', () => {
    expect(contentHash({ a: 1, b: [1, { y: 2, x: 1 }] })).toBe(contentHash({ b: [1, { x: 1, y: 2 }], a: 1, c: undefined }));
    expect(contentHash({ a: 1 })).not.toBe(contentHash({ a: 2 }));
    expect(contentHash([1, 2])).not.toBe(contentHash([2, 1]));
  });

  it('gives the hashes stores already hold: a change would rewrite every row at the next ingest', () => {
    // Pinned from the first implementation.
    const v = { b: [1, 'x', null, undefined, { z: true, a: undefined, é: 'città "q"' }], a: 0.1 + 0.2, c: undefined, d: {}, e: -0, f: 'line\nbreak\u2028', Z: [[], [{}]] };
    expect(contentHash(v)).toBe('FVxqAoo-wdad6y_SCtOynv');
    expect(contentHash([v, v])).toBe('QViBR1IWNhvsn_YUr8CiMp');
    expect(contentHash('s')).toBe('D0ZXd4rhT_eu6ywhkO3nkJ');
    expect(contentHash(null)).toBe('dCNOmK_nSY-12vHzasLXis');
    expect(contentHash(undefined)).toBe('dCNOmK_nSY-12vHzasLXis');
    expect(contentHash(42)).toBe('c0dctApWjo2ooEXO0RATfh');
  });
});

import { describe, expect, it } from 'vitest';
import { ParamBuffers } from './param-buffers.js';

const text = (param: Buffer) => param.subarray(1).toString('utf8');

describe('ParamBuffers', () => {
  it('writes rows as one binary jsonb array, whatever their characters', async () => {
    const rows = ['{"a":1}', '{"città":"Viadana","prezzo":"€ 350"}', '{"b":[true,null]}'];
    const param = await new ParamBuffers().withJsonbArray(rows, async (p) => Buffer.from(p));
    expect(param[0]).toBe(1);
    expect(JSON.parse(text(param))).toEqual(rows.map((r) => JSON.parse(r)));
    expect(await new ParamBuffers().withJsonbArray([], async (p) => text(p))).toBe('[]');
  });

  it('lends a buffer to one statement at a time and reuses it once that statement has settled', async () => {
    const buffers = new ParamBuffers();
    const seen: ArrayBufferLike[] = [];
    let finish!: () => void;
    const running = buffers.withJsonbArray(['{"n":1}'], async (p) => {
      seen.push(p.buffer);
      await new Promise<void>((r) => (finish = r));
      // Still what was written, though another batch was encoded meanwhile.
      return text(p);
    });
    const second = await buffers.withJsonbArray(['{"n":2}'], async (p) => (seen.push(p.buffer), text(p)));
    expect(second).toBe('[{"n":2}]');
    expect(seen[1]).not.toBe(seen[0]);
    finish();
    expect(await running).toBe('[{"n":1}]');
    // Both are free now: a third batch takes one of them instead of a new buffer.
    await buffers.withJsonbArray(['{"n":3}'], async (p) => void seen.push(p.buffer));
    expect([seen[0], seen[1]]).toContain(seen[2]);
  });

  it('gives the buffer back when the statement fails, and takes a larger one for a larger batch', async () => {
    const buffers = new ParamBuffers();
    let first: ArrayBufferLike | undefined;
    await expect(
      buffers.withJsonbArray(['{"x":1}'], async (p) => {
        first = p.buffer;
        throw new Error('refused');
      }),
    ).rejects.toThrow('refused');
    const big = Array.from({ length: 100 }, (_, i) => JSON.stringify({ i, pad: 'x'.repeat(100) }));
    const back = await buffers.withJsonbArray(big, async (p) => ({ buffer: p.buffer, text: text(p) }));
    expect(back.buffer).not.toBe(first);
    expect(JSON.parse(back.text)).toHaveLength(100);
  });
});

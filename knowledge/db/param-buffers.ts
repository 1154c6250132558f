/**
 * Byte buffers for the large parameters of one load (a 500-row batch is about half a megabyte),
 * reused once their statement has run. A fresh half-megabyte buffer, and the joined string it was
 * encoded from, cost the kernel a page fault per 4 KB at first touch: in a 20,000-row ingest that
 * was most of its page faults, which a plain bulk insert does not pay.
 */
export class ParamBuffers {
  private readonly free: Buffer[] = [];

  /**
   * `write` fills a buffer of at least `size` bytes and says how many it wrote; `run` gets those
   * bytes as its parameter. The buffer is reused once the promise `run` returns has settled.
   */
  async with<R>(size: number, write: (buffer: Buffer) => number, run: (param: Buffer) => Promise<R>): Promise<R> {
    const buffer = this.take(size);
    try {
      return await run(buffer.subarray(0, write(buffer)));
    } finally {
      this.free.push(buffer);
    }
  }

  /**
   * Rows of JSON as one `jsonb` parameter in PostgreSQL's binary format: a version byte (1), then
   * `[row,row,…]`, written straight into the buffer. Both drivers send bytes as binary; as a string
   * PGlite would measure and encode it character by character in JavaScript, which for the
   * batches of a large load cost about a second, and a joined string would be one more copy.
   */
  withJsonbArray<R>(rows: readonly string[], run: (param: Buffer) => Promise<R>): Promise<R> {
    let size = 3 + Math.max(0, rows.length - 1);
    for (const row of rows) size += Buffer.byteLength(row);
    const write = (buffer: Buffer) => {
      buffer[0] = 1;
      buffer[1] = 0x5b; // [
      let at = 2;
      for (let i = 0; i < rows.length; i++) {
        if (i > 0) buffer[at++] = 0x2c; // ,
        at += buffer.write(rows[i]!, at);
      }
      buffer[at++] = 0x5d; // ]
      return at;
    };
    return this.with(size, write, run);
  }

  private take(size: number): Buffer {
    const fit = this.free.findIndex((b) => b.length >= size);
    if (fit >= 0) return this.free.splice(fit, 1)[0]!;
    // One too small is dropped: batches of one load are of about the same size, so a quarter more fits the next ones.
    this.free.pop();
    return Buffer.allocUnsafeSlow(Math.ceil(size * 1.25));
  }
}

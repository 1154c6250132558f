/**
 * The few facts of PostgreSQL's wire protocol (v3) the socket needs to cut a client's byte stream
 * into messages and to speak for the server when it ends a session itself.
 */
export const PROTOCOL_3 = 196608;
export const SSL_REQUEST = 80877103;
export const GSSENC_REQUEST = 80877104;
export const CANCEL_REQUEST = 80877102;

/** Client messages after which the client waits for an answer: the backend is run up to them. */
export const SYNC = 0x53; // 'S'
export const QUERY = 0x51; // 'Q'
export const FLUSH = 0x48; // 'H'
export const TERMINATE = 0x58; // 'X'

const READY_FOR_QUERY = 0x5a; // 'Z'
/** The transaction status ReadyForQuery reports: 'I' idle, 'T' in a transaction, 'E' in a failed one. */
export type TransactionStatus = 'I' | 'T' | 'E';

/** Remembers the last bytes of a response, to read the status of a ReadyForQuery that ends it. */
export class ResponseTail {
  private readonly tail = new Uint8Array(6);
  private bytes = 0;

  push(data: Uint8Array): void {
    const tail = this.tail;
    this.bytes += data.length;
    if (data.length >= tail.length) {
      tail.set(data.subarray(data.length - tail.length));
    } else {
      tail.copyWithin(0, data.length);
      tail.set(data, tail.length - data.length);
    }
  }

  /** The status if the response ended with ReadyForQuery, else null (the backend awaits more messages). */
  readyStatus(): TransactionStatus | null {
    const t = this.tail;
    if (this.bytes < 6 || t[0] !== READY_FOR_QUERY || t[1] !== 0 || t[2] !== 0 || t[3] !== 0 || t[4] !== 5) return null;
    return String.fromCharCode(t[5]!) as TransactionStatus;
  }
}

/** An ErrorResponse, as the backend would send it: the client's driver reports it like any server error. */
export function errorResponse(severity: 'ERROR' | 'FATAL', code: string, message: string): Buffer {
  const field = (tag: string, value: string) => Buffer.concat([Buffer.from(tag, 'latin1'), Buffer.from(value, 'utf8'), Buffer.from([0])]);
  const body = Buffer.concat([field('S', severity), field('V', severity), field('C', code), field('M', message), Buffer.from([0])]);
  const head = Buffer.alloc(5);
  head[0] = 0x45; // 'E'
  head.writeInt32BE(body.length + 4, 1);
  return Buffer.concat([head, body]);
}

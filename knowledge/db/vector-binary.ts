import type { Sql } from './database.js';

/** pgvector's type oid, which differs per database (it is an extension type). */
export async function vectorTypeOid(sql: Sql): Promise<number> {
  const [row] = await sql.query<{ oid: number }>(`SELECT 'vector'::regtype::oid::int AS oid`);
  return row!.oid;
}

/**
 * A `vector[]` parameter in PostgreSQL's binary array format, each element in pgvector's binary
 * format (int16 dimensions, int16 unused, float4 values, all big-endian). Sent as bytes, a batch of
 * vectors costs one copy instead of printing and parsing every float; the floats stored are the
 * same as from their text form (each value rounded once to the nearest float4).
 */
export function encodeVectorArray(vectors: readonly (readonly number[])[], vectorOid: number): Buffer {
  const out = Buffer.allocUnsafe(vectorArraySize(vectors));
  writeVectorArray(vectors, vectorOid, out);
  return out;
}

/** The bytes `writeVectorArray` needs for these vectors. */
export function vectorArraySize(vectors: readonly (readonly number[])[]): number {
  let size = 20 + vectors.length * 8;
  for (const v of vectors) size += 4 * v.length;
  return size;
}

/** Writes the `vector[]` parameter of encodeVectorArray into `out` (at least vectorArraySize bytes); returns the bytes written. */
export function writeVectorArray(vectors: readonly (readonly number[])[], vectorOid: number, out: Buffer): number {
  out.writeInt32BE(1, 0); // dimensions of the array
  out.writeInt32BE(0, 4); // no nulls
  out.writeUInt32BE(vectorOid, 8);
  out.writeInt32BE(vectors.length, 12);
  out.writeInt32BE(1, 16); // lower bound
  const view = new DataView(out.buffer, out.byteOffset, out.byteLength);
  // Editions of a course share one text and so one vector object: its bytes are copied, not encoded again.
  const written = new Map<readonly number[], number>();
  let at = 20;
  for (const v of vectors) {
    const size = 4 + 4 * v.length;
    view.setInt32(at, size);
    const seen = written.get(v);
    if (seen !== undefined) out.copy(out, at + 4, seen, seen + size);
    else {
      written.set(v, at + 4);
      view.setInt16(at + 4, v.length);
      view.setInt16(at + 6, 0);
      for (let j = 0; j < v.length; j++) view.setFloat32(at + 8 + 4 * j, v[j]!);
    }
    at += 4 + size;
  }
  return at;
}

/**
 * A JSON text as a `jsonb` parameter in PostgreSQL's binary format: a version byte (1), then the
 * text. Both drivers send a byte array as binary, so the batch is encoded once, natively; as a
 * string PGlite first measures and encodes it character by character in JavaScript, which for the
 * megabyte batches of a large load cost about a second.
 */
export function jsonbText(text: string): Buffer {
  const out = Buffer.allocUnsafe(1 + Buffer.byteLength(text));
  out[0] = 1;
  out.write(text, 1, 'utf8');
  return out;
}

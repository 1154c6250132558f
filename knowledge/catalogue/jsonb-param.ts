/**
 * A value as a `jsonb` parameter in PostgreSQL's binary format: a version byte (1), then the JSON
 * text. Both drivers send a byte array as binary, so the batch is encoded once, natively; as a
 * string PGlite first measures and encodes it character by character in JavaScript, which for the
 * megabyte batches of a large load cost about a second.
 */
export function jsonbParam(value: unknown): Buffer {
  return jsonbText(JSON.stringify(value));
}

/** A JSON text already made, as a `jsonb` parameter (see jsonbParam). */
export function jsonbText(text: string): Buffer {
  const out = Buffer.allocUnsafe(1 + Buffer.byteLength(text));
  out[0] = 1;
  out.write(text, 1, 'utf8');
  return out;
}

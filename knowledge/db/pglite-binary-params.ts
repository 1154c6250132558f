import type { PGlite } from '@electric-sql/pglite';

type Serializer = (value: unknown) => unknown;

/**
 * Makes PGlite send a byte array parameter in PostgreSQL's binary format, whatever its type, as
 * the `pg` driver does with a Buffer. PGlite picks a serializer by the parameter's type and sends
 * text unless the serializer returns bytes; types it has no serializer for (pgvector's) are sent
 * as `String(value)`. Binary lets a batch of vectors skip the server's float parsing, which in
 * WASM costs more than everything else about writing them.
 */
export function sendBytesAsBinary(pglite: PGlite): void {
  const own = pglite.serializers;
  pglite.serializers = new Proxy(own, {
    get(target, key): Serializer {
      const serialize = Reflect.get(target, key) as Serializer | undefined;
      return (value) => (value instanceof Uint8Array ? value : serialize ? serialize(value) : String(value));
    },
  });
}

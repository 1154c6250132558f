import { hash } from 'node:crypto';

/** A hash of a value's canonical JSON (keys sorted), so re-ingesting the same record is a no-op. */
export function contentHash(value: unknown): string {
  return hashText(canonicalJson(value));
}

/** The hash of a canonical JSON text already made (see canonicalJson): the text can then be sent as it is. */
export function hashText(canonical: string): string {
  // One-shot: a Hash object per record left tens of thousands of native objects for the
  // garbage collector to finalise in a large load.
  return hash('sha256', canonical, 'base64url').slice(0, 22);
}

/** An object layout seen before: its keys in insertion order, the order to write them in, their JSON names. */
interface Shape {
  keys: string[];
  order: number[];
  names: string[];
}
/** Records of one kind share a few layouts: sorting their keys once per layout, not once per object, halves the cost. */
const shapes: Shape[] = [];
const SHAPES_KEPT = 64;

function shapeOf(keys: string[]): Shape {
  next: for (const shape of shapes) {
    if (shape.keys.length !== keys.length) continue;
    for (let i = 0; i < keys.length; i++) if (shape.keys[i] !== keys[i]) continue next;
    return shape;
  }
  const order = keys.map((_, i) => i).sort((a, b) => (keys[a]! < keys[b]! ? -1 : keys[a]! > keys[b]! ? 1 : 0));
  const shape = { keys, order, names: order.map((i) => JSON.stringify(keys[i])) };
  if (shapes.length >= SHAPES_KEPT) shapes.shift();
  shapes.push(shape);
  return shape;
}

/**
 * JSON with object keys in code-unit order and undefined properties left out. Built by plain
 * concatenation: it runs for every record and every search row of a load, and the hashes it feeds
 * are stored, so its output must never change.
 */
export function canonicalJson(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) out += (i > 0 ? ',' : '') + canonicalJson(value[i]);
    return `${out}]`;
  }
  if (value && typeof value === 'object') {
    const object = value as Record<string, unknown>;
    const shape = shapeOf(Object.keys(object));
    let out = '{';
    let first = true;
    for (let j = 0; j < shape.order.length; j++) {
      const v = object[shape.keys[shape.order[j]!]!];
      if (v === undefined) continue;
      out += `${first ? '' : ','}${shape.names[j]}:${canonicalJson(v)}`;
      first = false;
    }
    return `${out}}`;
  }
  return JSON.stringify(value ?? null);
}

import { deflateSync } from 'node:zlib';
import { crc32 } from './zip.js';

/** Orienta's green, also the manifest's accent colour. */
export const ACCENT = '#1F6F5C';

type Rgb = [number, number, number];
const WHITE: Rgb = [255, 255, 255];
const hex = (c: string): Rgb => [1, 3, 5].map((i) => parseInt(c.slice(i, i + 2), 16)) as Rgb;

/**
 * The two icons Teams asks for, drawn here rather than shipped as binaries: a white ring with a
 * centre dot (a compass, roughly), on the accent colour for the 192×192 colour icon and alone on
 * transparency for the 32×32 outline one.
 */
export function colorIcon(): Buffer {
  return png(192, (x, y) => mark(x, y, 192), hex(ACCENT));
}

export function outlineIcon(): Buffer {
  return png(32, (x, y) => mark(x, y, 32));
}

/** How much of the pixel at (x, y) the mark covers, 0 to 1, smoothed over one pixel. */
function mark(x: number, y: number, size: number): number {
  const c = size / 2;
  const d = Math.hypot(x + 0.5 - c, y + 0.5 - c);
  const ring = 1 - Math.min(1, Math.max(0, Math.abs(d - size * 0.32) - size * 0.05));
  const dot = 1 - Math.min(1, Math.max(0, d - size * 0.1));
  return Math.max(ring, dot);
}

/** A square RGBA PNG: the mark in white over `background`, or over nothing. */
function png(size: number, coverage: (x: number, y: number) => number, background?: Rgb): Buffer {
  const rows = Buffer.alloc(size * (1 + size * 4));
  for (let y = 0; y < size; y++) {
    const row = y * (1 + size * 4);
    rows[row] = 0; // no filter
    for (let x = 0; x < size; x++) {
      const a = coverage(x, y);
      const at = row + 1 + x * 4;
      const [r, g, b] = background ? background.map((v, i) => Math.round(v + (WHITE[i]! - v) * a)) : WHITE;
      rows[at] = r!;
      rows[at + 1] = g!;
      rows[at + 2] = b!;
      rows[at + 3] = background ? 255 : Math.round(a * 255);
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bits per channel
  header[9] = 6; // RGBA
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', deflateSync(rows)), chunk('IEND', Buffer.alloc(0))]);
}

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

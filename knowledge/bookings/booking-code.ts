import { randomInt } from 'node:crypto';

/** Letters and digits nobody confuses when read aloud or copied by hand: no 0/O, no 1/I/L. */
export const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
const LENGTH = 4;

export function newBookingCode(): string {
  let code = 'LTO-';
  for (let i = 0; i < LENGTH; i++) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return code;
}

/**
 * The code as the store keeps it, from what a person typed ("lto 7k3p", "7K3P", "LTO-7K3P."), or
 * null when it cannot be a booking code at all.
 */
export function normalizeBookingCode(input: string): string | null {
  const compact = input.toUpperCase().replace(/[^0-9A-Z]/g, '');
  const body = compact.startsWith('LTO') && compact.length === 3 + LENGTH ? compact.slice(3) : compact;
  if (body.length !== LENGTH) return null;
  for (const ch of body) if (!CODE_ALPHABET.includes(ch)) return null;
  return `LTO-${body}`;
}

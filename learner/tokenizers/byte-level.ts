/**
 * GPT-2's reversible map from the 256 byte values to printable characters: printable Latin-1 bytes
 * map to themselves, the rest to U+0100 upwards in byte order. BPE then works on strings without
 * whitespace or control characters, and any byte sequence survives.
 */
function buildByteToChar(): string[] {
  const printable = (b: number) =>
    (b >= 0x21 && b <= 0x7e) || (b >= 0xa1 && b <= 0xac) || (b >= 0xae && b <= 0xff);
  const map: string[] = [];
  let next = 0;
  for (let b = 0; b < 256; b++) map[b] = String.fromCharCode(printable(b) ? b : 256 + next++);
  return map;
}

export const BYTE_TO_CHAR: readonly string[] = buildByteToChar();
export const CHAR_TO_BYTE: ReadonlyMap<string, number> = new Map(BYTE_TO_CHAR.map((c, b) => [c, b]));

const utf8 = new TextEncoder();

export function textToByteChars(text: string): string {
  let out = "";
  for (const b of utf8.encode(text)) out += BYTE_TO_CHAR[b];
  return out;
}

/** Appends the bytes of a byte-level token to `out`; returns false when a character is not in the map. */
export function byteCharsToBytes(token: string, out: number[]): boolean {
  for (const c of token) {
    const b = CHAR_TO_BYTE.get(c);
    if (b === undefined) return false;
    out.push(b);
  }
  return true;
}

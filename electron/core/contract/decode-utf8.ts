import type { SourcePosition } from './yaml-locate';

export type DecodedText = { ok: true; text: string } | { ok: false; byte: number; position: SourcePosition };

/**
 * parity.yml as text, or where it stops being UTF-8. Decoding leniently would turn a Latin-1 "é" into
 * U+FFFD and let a corrupted value through; the first bad byte is reported at its line and column instead.
 * A leading byte order mark is dropped, as editors on Windows like to write one.
 */
export function decodeUtf8(bytes: Uint8Array): DecodedText {
  const bad = firstInvalidByte(bytes);
  const decoder = new TextDecoder('utf-8');
  if (bad === undefined) return { ok: true, text: decoder.decode(bytes) };
  const before = decoder.decode(bytes.subarray(0, bad));
  const lineStart = before.lastIndexOf('\n') + 1;
  return {
    ok: false,
    byte: bytes[bad]!,
    position: { line: before.split('\n').length, column: before.length - lineStart + 1 },
  };
}

/** The offset of the first byte that is not part of a well-formed UTF-8 sequence (RFC 3629). */
function firstInvalidByte(bytes: Uint8Array): number | undefined {
  let i = 0;
  while (i < bytes.length) {
    const lead = bytes[i]!;
    if (lead < 0x80) {
      i += 1;
      continue;
    }
    // The allowed range of the second byte excludes overlong forms, surrogates and code points past U+10FFFF.
    let length: number;
    let low = 0x80;
    let high = 0xbf;
    if (lead >= 0xc2 && lead <= 0xdf) length = 2;
    else if (lead >= 0xe0 && lead <= 0xef) {
      length = 3;
      if (lead === 0xe0) low = 0xa0;
      if (lead === 0xed) high = 0x9f;
    } else if (lead >= 0xf0 && lead <= 0xf4) {
      length = 4;
      if (lead === 0xf0) low = 0x90;
      if (lead === 0xf4) high = 0x8f;
    } else return i;
    for (let k = 1; k < length; k++) {
      const next = bytes[i + k];
      if (next === undefined || next < (k === 1 ? low : 0x80) || next > (k === 1 ? high : 0xbf)) return i;
    }
    i += length;
  }
  return undefined;
}

import type { Position } from '../model/guide.js';

/** Offsets of line starts, for turning string offsets into 1-based line/column. */
export class LineIndex {
  private readonly starts: number[];
  constructor(readonly text: string) {
    const starts = [0];
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    this.starts = starts;
  }

  point(offset: number): { line: number; column: number; offset: number } {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= clamped) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: clamped - this.starts[lo]! + 1, offset: clamped };
  }

  position(start: number, end: number): Position {
    const a = this.point(start);
    const b = this.point(Math.max(start, end));
    return { line: a.line, column: a.column, endLine: b.line, endColumn: b.column };
  }
}

/** A vfile `place` for a model position. */
export function place(position: Position) {
  return {
    start: { line: position.line, column: position.column },
    end: { line: position.endLine, column: position.endColumn },
  };
}

export interface Decoded {
  text: string;
  /** Byte offset of the first byte that is not UTF-8, or -1. */
  invalidByte: number;
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
const lenientUtf8 = new TextDecoder('utf-8', { fatal: false, ignoreBOM: false });

/** Decodes bytes as UTF-8, keeping going past bad bytes (they become U+FFFD) but saying where the first one is. */
export function decodeUtf8(bytes: Uint8Array): Decoded {
  try {
    return { text: strictUtf8.decode(bytes), invalidByte: -1 };
  } catch {
    return { text: lenientUtf8.decode(bytes), invalidByte: Math.max(0, firstInvalidUtf8Byte(bytes)) };
  }
}

function firstInvalidUtf8Byte(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    const need = b < 0x80 ? 0 : b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1;
    if (need < 0) return i;
    // The second byte's range is narrower after E0, ED, F0, F4 (no overlong forms, surrogates or > U+10FFFF).
    const [low, high] = b === 0xe0 ? [0xa0, 0xbf] : b === 0xed ? [0x80, 0x9f] : b === 0xf0 ? [0x90, 0xbf] : b === 0xf4 ? [0x80, 0x8f] : [0x80, 0xbf];
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || c < (k === 1 ? low : 0x80) || c > (k === 1 ? high : 0xbf)) return i;
    }
    i += need + 1;
  }
  return -1;
}

/**
 * Cheaper byte handling around pdfkit 0.20: the same file but for the compression level of page
 * content streams (see CONTENT_LEVEL).
 *
 * pdfkit turns every content operator and every line of every object into its own Uint8Array with
 * a JavaScript loop over the string's characters (`fromBinaryString`), and pushes each line of the
 * file through a Readable stream: thousands of small arrays and stream calls per brief. Here a
 * page's operators are kept as strings and converted in one native call when pdfkit finalizes the
 * page, and the file's lines are gathered and joined once at the end. Strings are converted as
 * pdfkit converts them: one byte per UTF-16 code unit, its low 8 bits (Node's latin1 encoding).
 */

import { deflateSync } from 'node:zlib';

type Chunk = string | Uint8Array;

interface PdfRef {
  write(chunk: Chunk): unknown;
  finalize(): unknown;
  compress: boolean;
  buffer: Uint8Array[];
  data: Record<string, unknown>;
  /** The ref's `finalize` before `finalizeSmallStream` (pdfkit's). */
  [SMALL_FINALIZE]?: () => unknown;
  /** A page content's `finalize` before `finalizeBufferedContent`. */
  [CONTENT_FINALIZE]?: () => unknown;
  /** pdfkit's `write`, before `writeBufferedContent`. */
  [WRITE]?: (chunk: Chunk) => unknown;
  /** The operators `writeBufferedContent` gathered and not yet written. */
  [PENDING]?: string[];
}

/*
 * The documents' pdfkit objects get their methods replaced by these module-level functions, with
 * what each needs kept in symbol-keyed fields, never by closures made per object: V8 (Node 20)
 * gives an object a hidden class of its own, in the old generation, for each different function
 * stored in a property that shadows a prototype's method, and that class holds the closure and
 * with it the document: every document outlived the young generation (one brief drawn 600 times:
 * 453 KB promoted per draw, 205 KB without these closures).
 */
const SMALL_FINALIZE = Symbol('smallFinalize');
const CONTENT_FINALIZE = Symbol('contentFinalize');
const WRITE = Symbol('write');
const PENDING = Symbol('pending');
const REF = Symbol('ref');
const PARTS = Symbol('parts');

/**
 * zlib level of page content streams. pdfkit uses the default (6); content streams are long runs of
 * near-identical operators, where levels above 3 search much longer for slightly better matches:
 * level 3 compresses a brief's pages about four times faster for 2% more bytes in the file.
 */
const CONTENT_LEVEL = 3;

interface DocInternals {
  ref(data?: Record<string, unknown>): PdfRef;
  page: { content: PdfRef };
  _offset: number;
  _write(data: Chunk): void;
  push(chunk: Uint8Array | null): boolean;
  on(event: 'pageAdded', listener: () => void): unknown;
  /** The document's `ref` before `refCachingSmallStreams`. */
  [REF]?: (data?: Record<string, unknown>) => PdfRef;
  /** What `writeCollected` gathered: the file after its header. */
  [PARTS]?: Chunk[];
}

/**
 * Compressed small streams by their bytes: each face's ToUnicode map and CID set are rebuilt for
 * every document, and mostly equal across a batch's documents; a zlib call costs more for its
 * set-up than for a few hundred bytes. Most recently used last; bounded.
 */
const smallStreams = new Map<string, Uint8Array>();
const SMALL_STREAM = 4096;
const SMALL_STREAMS_LIMIT = 128;

function deflateSmall(raw: Uint8Array): Uint8Array {
  const key = Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength).toString('latin1');
  let out = smallStreams.get(key);
  if (out) {
    smallStreams.delete(key);
  } else {
    out = deflateSync(raw);
    if (smallStreams.size >= SMALL_STREAMS_LIMIT) smallStreams.delete(smallStreams.keys().next().value!);
  }
  smallStreams.set(key, out);
  return out;
}

function finalizeSmallStream(this: PdfRef): unknown {
  if (this.compress && this.buffer.length > 0) {
    const raw = this.buffer.length === 1 ? this.buffer[0]! : Buffer.concat(this.buffer);
    if (raw.length <= SMALL_STREAM) {
      this.buffer = [deflateSmall(raw)];
      this.compress = false;
    }
  }
  return this[SMALL_FINALIZE]!.call(this);
}

function refCachingSmallStreams(this: DocInternals, data?: Record<string, unknown>): PdfRef {
  const r = this[REF]!.call(this, data);
  r[SMALL_FINALIZE] = r.finalize;
  r.finalize = finalizeSmallStream;
  return r;
}

/** Makes the document's small streams compress through `deflateSmall` (the same bytes as pdfkit). */
function cacheSmallStreams(doc: DocInternals): void {
  doc[REF] = doc.ref;
  doc.ref = refCachingSmallStreams;
}

function flushBufferedContent(content: PdfRef): void {
  const pending = content[PENDING]!;
  if (pending.length === 0) return;
  pending.push('');
  content[WRITE]!.call(content, Buffer.from(pending.join('\n'), 'latin1'));
  content[PENDING] = [];
}

function writeBufferedContent(this: PdfRef, chunk: Chunk): unknown {
  if (typeof chunk === 'string') {
    this[PENDING]!.push(chunk);
    return undefined;
  }
  flushBufferedContent(this);
  return this[WRITE]!.call(this, chunk);
}

function finalizeBufferedContent(this: PdfRef): unknown {
  flushBufferedContent(this);
  if (this.compress && this.buffer.length > 0 && this.data.Filter === 'FlateDecode') {
    // Compressed here at CONTENT_LEVEL; pdfkit then writes the stream as it is (and encrypts it).
    this.buffer = [deflateSync(Buffer.concat(this.buffer), { level: CONTENT_LEVEL })];
    this.compress = false;
  }
  // The page content's finalize before this one: finalizeSmallStream when the ref came through
  // refCachingSmallStreams (it then finds the stream compressed and leaves it), else pdfkit's.
  return this[CONTENT_FINALIZE]!.call(this);
}

/** Gathers the operators written to a page's content stream as strings until pdfkit ends it. */
function bufferContent(content: PdfRef): void {
  if (content[PENDING] !== undefined) return;
  content[PENDING] = [];
  content[WRITE] = content.write;
  content[CONTENT_FINALIZE] = content.finalize;
  content.write = writeBufferedContent;
  content.finalize = finalizeBufferedContent;
}

function writeCollected(this: DocInternals, data: Chunk): void {
  if (data instanceof Uint8Array) {
    this[PARTS]!.push(data);
    this._offset += data.length;
  } else {
    const line = `${data}\n`;
    this[PARTS]!.push(line);
    this._offset += line.length;
  }
}

/**
 * Makes `doc` buffer its pages' operators and its output from now on; returns a function that
 * gives the file's bytes once the document has ended, from the chunks the document streamed
 * before (its header: pass what its 'data' events gave) and the buffered rest.
 */
export function collectOutput(document: PDFKit.PDFDocument): (streamed: Uint8Array[]) => Uint8Array {
  const doc = document as unknown as DocInternals;
  const streamedLength = doc._offset;
  cacheSmallStreams(doc);
  bufferContent(doc.page.content);
  doc.on('pageAdded', () => bufferContent(doc.page.content));
  const parts: Chunk[] = [];
  doc[PARTS] = parts;
  doc._write = writeCollected;
  return (streamed) => {
    const out = Buffer.allocUnsafe(doc._offset);
    let at = 0;
    for (const chunk of streamed) {
      out.set(chunk, at);
      at += chunk.length;
    }
    if (at !== streamedLength) throw new Error(`PDF header of ${at} bytes, expected ${streamedLength}`);
    let text = '';
    for (const part of parts) {
      if (typeof part === 'string') {
        text += part;
        continue;
      }
      if (text !== '') {
        at += out.write(text, at, 'latin1');
        text = '';
      }
      out.set(part, at);
      at += part.length;
    }
    if (text !== '') at += out.write(text, at, 'latin1');
    if (at !== out.length) throw new Error(`PDF output of ${at} bytes, expected ${out.length}`);
    return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
  };
}

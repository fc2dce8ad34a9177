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
}

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
}

const bufferedContents = new WeakSet<PdfRef>();

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

/** Makes the document's small streams compress through `deflateSmall` (the same bytes as pdfkit). */
function cacheSmallStreams(doc: DocInternals): void {
  const ref = doc.ref.bind(doc);
  doc.ref = (data) => {
    const r = ref(data);
    const finalize = r.finalize.bind(r);
    r.finalize = () => {
      if (r.compress && r.buffer.length > 0) {
        const raw = r.buffer.length === 1 ? r.buffer[0]! : Buffer.concat(r.buffer);
        if (raw.length <= SMALL_STREAM) {
          r.buffer = [deflateSmall(raw)];
          r.compress = false;
        }
      }
      return finalize();
    };
    return r;
  };
}

/** Gathers the operators written to a page's content stream as strings until pdfkit ends it. */
function bufferContent(content: PdfRef): void {
  if (bufferedContents.has(content)) return;
  bufferedContents.add(content);
  const write = content.write.bind(content);
  const finalize = content.finalize.bind(content);
  let pending: string[] = [];
  const flush = () => {
    if (pending.length === 0) return;
    pending.push('');
    write(Buffer.from(pending.join('\n'), 'latin1'));
    pending = [];
  };
  content.write = (chunk: Chunk) => {
    if (typeof chunk === 'string') {
      pending.push(chunk);
      return undefined;
    }
    flush();
    return write(chunk);
  };
  content.finalize = () => {
    flush();
    if (content.compress && content.buffer.length > 0 && content.data.Filter === 'FlateDecode') {
      // Compressed here at CONTENT_LEVEL; pdfkit then writes the stream as it is (and encrypts it).
      content.buffer = [deflateSync(Buffer.concat(content.buffer), { level: CONTENT_LEVEL })];
      content.compress = false;
    }
    return finalize();
  };
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
  doc._write = (data: Chunk) => {
    if (data instanceof Uint8Array) {
      parts.push(data);
      doc._offset += data.length;
    } else {
      const line = `${data}\n`;
      parts.push(line);
      doc._offset += line.length;
    }
  };
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

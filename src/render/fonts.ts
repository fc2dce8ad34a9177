import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { FontkitFont } from 'fontkit';
import * as fontkit from 'fontkit';
import type PDFDocument from 'pdfkit';

/** The faces the renderer uses; every style of `styles.ts` names one of these. */
export type FaceName = 'regular' | 'bold' | 'italic' | 'boldItalic' | 'mono';

const FILES: Record<FaceName, string> = {
  regular: 'DejaVuSans.ttf',
  bold: 'DejaVuSans-Bold.ttf',
  italic: 'DejaVuSans-Oblique.ttf',
  boldItalic: 'DejaVuSans-BoldOblique.ttf',
  mono: 'DejaVuSansMono.ttf',
};

/**
 * Parsed fonts, keyed by file path. Parsing a TrueType file costs far more than a page of text,
 * so each face is parsed once per process and the same fontkit object serves every document.
 */
const cache = new Map<string, FontkitFont>();

function fontFolder(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
}

/** The fontkit object of one face, parsed on first use. */
export function loadFace(face: FaceName): FontkitFont {
  const path = join(fontFolder(), FILES[face]);
  let font = cache.get(path);
  if (!font) {
    font = fontkit.create(readFileSync(path));
    cache.set(path, font);
  }
  return font;
}

/**
 * Registers every face on a document under its `FaceName`. pdfkit 0.20 accepts a fontkit object as
 * the source, but @types/pdfkit only knows paths and buffers: the one cast lives here.
 */
export function registerFonts(doc: PDFKit.PDFDocument): void {
  for (const face of Object.keys(FILES) as FaceName[]) {
    (doc.registerFont as (name: string, src: unknown) => PDFKit.PDFDocument)(face, loadFace(face));
  }
}

export type { PDFDocument };

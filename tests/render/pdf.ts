// Reads PDFs back with pdfjs-dist (legacy build, for Node): text per page, structure, outline.
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

export interface ReadPdf {
  pages: string[];
  text: string;
  outline: string[];
  info: Record<string, unknown>;
  roles: Set<string>;
  links: string[];
}

type StructNode = { role?: string; children?: StructNode[] };

function collectRoles(node: StructNode | null | undefined, into: Set<string>): void {
  if (!node) return;
  if (node.role) into.add(node.role);
  for (const child of node.children ?? []) collectRoles(child, into);
}

export async function readPdf(bytes: Uint8Array, password?: string): Promise<ReadPdf> {
  const pdf = await getDocument({ data: new Uint8Array(bytes), ...(password !== undefined ? { password } : {}), isEvalSupported: false, verbosity: 0 }).promise;
  const pages: string[] = [];
  const roles = new Set<string>();
  const links: string[] = [];
  for (let n = 1; n <= pdf.numPages; n++) {
    const page = await pdf.getPage(n);
    const content = await page.getTextContent();
    let text = '';
    for (const item of content.items) {
      if ('str' in item) text += item.str + (item.hasEOL ? '\n' : '');
    }
    pages.push(text);
    collectRoles((await page.getStructTree()) as StructNode, roles);
    for (const a of await page.getAnnotations()) if (a.subtype === 'Link' && a.url) links.push(a.url as string);
  }
  const outline = ((await pdf.getOutline()) ?? []).flatMap(function flat(i: { title: string; items: unknown[] }): string[] {
    return [i.title, ...(i.items as Array<{ title: string; items: unknown[] }>).flatMap(flat)];
  });
  const { info } = await pdf.getMetadata();
  await pdf.destroy();
  return { pages, text: pages.join('\n'), outline, info: info as Record<string, unknown>, roles, links };
}

/** Text with line breaks and repeated spaces folded, for phrase checks across lines. */
export function flat(text: string): string {
  return text.replace(/\s+/g, ' ');
}

/** A piece of text where pdf.js finds it: left, top and bottom in points from the page's top-left. */
export interface PlacedText {
  str: string;
  x: number;
  top: number;
  bottom: number;
  width: number;
  size: number;
}

export interface PlacedPage {
  width: number;
  height: number;
  items: PlacedText[];
}

/** Every page's text with positions, in drawing order (pdfjs-dist text content). */
export async function readPlaced(bytes: Uint8Array): Promise<PlacedPage[]> {
  const pdf = await getDocument({ data: new Uint8Array(bytes), isEvalSupported: false, verbosity: 0 }).promise;
  const pages: PlacedPage[] = [];
  for (let n = 1; n <= pdf.numPages; n++) {
    const page = await pdf.getPage(n);
    const [, , width, height] = page.view as [number, number, number, number];
    const items: PlacedText[] = [];
    for (const item of (await page.getTextContent()).items) {
      if (!('str' in item) || item.str.trim() === '') continue;
      const size = Math.hypot(item.transform[0]!, item.transform[1]!);
      const baseline = height - item.transform[5]!;
      items.push({ str: item.str, x: item.transform[4]!, top: baseline - size * 0.76, bottom: baseline + size * 0.24, width: item.width, size });
    }
    pages.push({ width, height, items });
  }
  await pdf.destroy();
  return pages;
}

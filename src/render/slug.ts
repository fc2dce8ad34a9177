import { basename } from 'node:path';
import type { Brief } from '../model/brief.js';

/** Lower-case ASCII words joined by hyphens: `São Paulo / R&D` → `sao-paulo-r-d`. */
export function slugify(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/**
 * The brief's file name: `<company>-<role>-<region>-<candidate>.pdf`, only `[a-z0-9-]`, so no name
 * can climb out of the output folder. Another template than the full brief adds its name
 * (`…-dana-reyes-one-page.pdf`), so a summary never overwrites the brief. At most 150
 * characters before the template's name.
 */
export function briefFileName(brief: Brief, template = 'brief'): string {
  const parts = [brief.guide.company, brief.guide.role, brief.region, brief.candidate.name].map(slugify).filter(Boolean);
  const base = parts.join('-').slice(0, 150).replace(/-+$/, '') || 'brief';
  const variant = template === 'brief' ? '' : slugify(basename(template).replace(/\.md$/i, '')).slice(0, 40);
  return `${base}${variant ? `-${variant}` : ''}.pdf`;
}

import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { basename } from 'node:path';
import type { Brief } from '../model/brief.js';

const printableAscii = /^[\x20-\x7e]*$/;
let loaded: typeof import('transliteration').transliterate | undefined;
function transliterate(): typeof import('transliteration').transliterate {
  loaded ??= (createRequire(import.meta.url)('transliteration') as typeof import('transliteration')).transliterate;
  return loaded;
}

/**
 * Lower-case ASCII words joined by hyphens, any script transliterated first:
 * `São Paulo / R&D` → `sao-paulo-r-d`, `Łukasz` → `lukasz`, `Straße` → `strasse`,
 * `Дмитрий` → `dmitriy`, `王伟` → `wang-wei`. What has no Latin reading (emoji, `..`) goes.
 */
export function slugify(text: string): string {
  const normal = text.normalize('NFKC');
  // Printable ASCII is left as it is by transliteration@2.6.1 (tests/render/slug.test.ts checks
  // that), so only other text loads it: building its tables took ~45 ms of a cold render.
  return (printableAscii.test(normal) ? normal : transliterate()(normal, { unknown: ' ' }))
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/**
 * A short stable hash (8 hex digits) of a candidate's profile file, added to a brief's name when
 * the candidate's name gives no slug or two briefs would share a file.
 */
export function candidateHash(candidateFile: string): string {
  return createHash('sha256').update(`offerbrief-candidate\0${candidateFile}`).digest('hex').slice(0, 8);
}

/** `name.pdf` → `name-<hash>.pdf`. */
export function withCandidateHash(fileName: string, hash: string): string {
  return `${fileName.replace(/\.pdf$/, '')}-${hash}.pdf`;
}

export interface BriefFileNameOptions {
  /** The candidate's profile path (stable: relative to the folder the command runs in); default the name as written. */
  candidateFile?: string;
  /** Add the candidate hash even when the name has a slug (another candidate has the same one). */
  unique?: boolean;
}

/**
 * The brief's file name: `<company>-<role>-<region>-<candidate>.pdf`, only `[a-z0-9-]`, so no name
 * can climb out of the output folder. Another template than the full brief adds its name
 * (`…-dana-reyes-one-page.pdf`), so a summary never overwrites the brief. At most 150
 * characters before the template's name. When the candidate's name leaves no slug (or `unique`),
 * the candidate hash follows (`…-new-york-1a2b3c4d.pdf`), so two such candidates never share a file.
 */
export function briefFileName(brief: Brief, template = 'brief', options: BriefFileNameOptions = {}): string {
  const person = slugify(brief.candidate.name);
  const parts = [brief.guide.company, brief.guide.role, brief.region].map(slugify).filter(Boolean);
  if (person) parts.push(person);
  const base = parts.join('-').slice(0, 150).replace(/-+$/, '') || 'brief';
  const variant = template === 'brief' ? '' : slugify(basename(template).replace(/\.md$/i, '')).slice(0, 40);
  const name = `${base}${variant ? `-${variant}` : ''}.pdf`;
  return person === '' || options.unique ? withCandidateHash(name, candidateHash(options.candidateFile ?? brief.candidate.name)) : name;
}

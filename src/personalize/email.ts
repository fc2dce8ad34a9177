import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { Brief, Email, Segment } from '../model/brief.js';
import { formatBriefMoney } from '../money.js';
import { packageRoot } from '../paths.js';
import { InputError } from '../errors.js';
import { joinNames } from './slots.js';

/**
 * The counter-offer email: the ask, the strongest two levers and the competing context, from an
 * editable template (templates/email.md). It never holds the floor, the walk-away or a gap: those
 * are the candidate's alone (tests search every draft for every private amount).
 */

const FIELD = /\{\{\s*([^{}]*?)\s*\}\}/g;

/** The bundled template's text, read once per process (it does not change while we run). */
let bundled: string | null = null;
export function bundledEmailTemplate(): string {
  bundled ??= readFileSync(join(packageRoot, 'templates', 'email.md'), 'utf8');
  return bundled;
}

/** A lever's text with its slots filled (an unfilled slot keeps its brackets for the author to fill). */
function leverText(segments: Segment[]): string {
  return segments.map((s) => (s.type === 'slot' ? (s.value ?? `[${s.slot}]`) : s.text)).join('').replace(/^["“]|["”]$/g, '').trim();
}

/** The email's own fields, from the brief's public numbers. */
export function emailParts(brief: Omit<Brief, 'email'>): Omit<Email, 'subject' | 'markdown'> {
  const c = brief.currency;
  const m = (n: number) => formatBriefMoney(n, c);
  const t = brief.target;
  const quoted = brief.competing.quoted;
  const competing =
    quoted.length === 0
      ? ''
      : `To be transparent: I have ${quoted.length === 1 ? 'an offer' : 'offers'} from ${joinNames(quoted.map((o) => o.company))}, ` +
        `at ${joinNames(quoted.map((o) => (o.conversion ? `${formatBriefMoney(o.originalTotalComp, o.currency)}` : m(o.totalComp))))} in total comp${quoted.length === 1 ? '' : ' respectively'}.`;
  let ask: string;
  if (brief.ask.mode === 'at-band-top') {
    ask = `The numbers are already strong, so rather than more base or equity I'd like to discuss ${brief.ask.nonCash.join(', ').replace(/, ([^,]*)$/, ' and $1')}.`;
  } else {
    const parts = [`${m(t.base)} base`];
    if (t.annualEquity > 0) parts.push(`${m(t.equity)} in equity over ${t.vestingYears} years`);
    if (t.bonus > 0) parts.push(`a ${m(t.bonus)} bonus`);
    ask = `I'd be ready to sign at ${joinNames(parts)}, about ${m(t.totalComp)} a year in total.`;
  }
  const level = brief.yearOne && brief.yearOne.signOnToAsk > 0 ? brief.yearOne.signOnNeeded : 0;
  const signOn =
    level > 0
      ? `Because the grant vests late, year one pays less than the average; a ${m(level)} sign-on would even that out.`
      : brief.competing.aboveBand > 0
        ? 'Where the band cannot stretch further, a sign-on bonus or a conversation about the level would close the difference.'
        : '';
  // The strongest levers: those with every slot filled first, in the guide's order.
  const levers = [...brief.levers].sort((a, b) => Number(a.segments.some((s) => s.type === 'slot' && s.value === null)) - Number(b.segments.some((s) => s.type === 'slot' && s.value === null)));
  const lever = (index: number) => {
    const l = levers[index];
    return l ? `**${l.name}**: ${leverText(l.segments)}` : '';
  };
  return { ask, competing, signOn, lever1: lever(0), lever2: lever(1) };
}

/** A field of the brief as the email prints it (money in the brief's form). */
function field(path: string, brief: Brief, where: string): string {
  let value: unknown = brief;
  for (const key of path.split('.')) value = value == null ? value : (value as Record<string, unknown>)[key];
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return formatBriefMoney(value, brief.currency);
  if (value == null) return '';
  throw new InputError(`${where}: Unexpected field "{{${path}}}", expected a text or money field of the brief such as {{candidate.name}} or {{email.ask}}`);
}

/** The template's front matter `subject`, by the front matter's text: every brief of a batch drafts from the same template. */
const subjects = new Map<string, string>();
function templateSubject(front: string): string {
  let subject = subjects.get(front);
  if (subject === undefined) {
    const meta = (parseYaml(front) ?? {}) as { subject?: unknown };
    subject = typeof meta.subject === 'string' ? meta.subject : '';
    if (subjects.size >= 64) subjects.clear();
    subjects.set(front, subject);
  }
  return subject;
}

/** Fills the template: front matter `subject`, body fields; a line whose fields are all empty is left out. */
export function draftEmail(brief: Omit<Brief, 'email'>, source: string = bundledEmailTemplate(), where = 'templates/email.md'): Email {
  const parts = emailParts(brief);
  const full = { ...brief, email: { ...parts, subject: '', markdown: '' } } as Brief;
  let body = source.replace(/^\uFEFF/, '');
  let subject = '';
  const front = /^---\n([\s\S]*?)\n---\n?/.exec(body);
  if (front) {
    subject = templateSubject(front[1] ?? '');
    body = body.slice(front[0].length);
  }
  const fill = (text: string) => text.replace(FIELD, (_, path: string) => field(path, full, where));
  const lines = body.split('\n').flatMap((line) => {
    if (!line.includes('{{')) return [line];
    const values = [...line.matchAll(FIELD)].map((match) => field(match[1]!, full, where));
    return values.every((value) => value === '') ? [] : [fill(line)];
  });
  const markdown = `${lines.join('\n').replace(/\n{3,}/g, '\n\n').trim()}\n`;
  return { ...parts, subject: fill(subject), markdown };
}

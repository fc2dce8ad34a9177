import { jsonSchema } from '../cli/commands/schema.js';
import type { Guide } from '../model/guide.js';
import { choiceRuns } from '../personalize/index.js';

/**
 * The candidate form, derived from the JSON Schema of the Candidate model (the one
 * `offerbrief schema candidate` prints), so a field added to the model appears in the
 * page without touching it. The guide only adds what the schema cannot know: its regions
 * (for `region`) and its slots with their choices (for `slots` and as suggestions for `facts`).
 */
export type FormField =
  | { kind: 'text'; key: string; path: string; label: string; hint: string; required: boolean; suggestions?: string[] }
  | { kind: 'number'; key: string; path: string; label: string; hint: string; required: boolean; min?: number; exclusiveMin?: number; default?: number }
  | { kind: 'boolean'; key: string; path: string; label: string; hint: string; required: boolean }
  | { kind: 'select'; key: string; path: string; label: string; hint: string; required: boolean; options: string[] }
  | { kind: 'group'; key: string; path: string; label: string; hint: string; required: boolean; fields: FormField[] }
  /** A repeatable row of fields (competing offers). */
  | { kind: 'rows'; key: string; path: string; label: string; hint: string; required: boolean; fields: FormField[] }
  /** A repeatable single value (facts). */
  | { kind: 'list'; key: string; path: string; label: string; hint: string; required: boolean; item: FormField }
  /** A map keyed by the guide's slots; each value suggested from the slot's choices. */
  | { kind: 'slots'; key: string; path: string; label: string; hint: string; required: boolean; slots: { slot: string; choices: string[] }[] }
  /** Exchange rates: one number per currency pair the guide's bands make likely ("GBP/USD"). */
  | { kind: 'rates'; key: string; path: string; label: string; hint: string; required: boolean; pairs: string[] }
  /** A map with free keys (when the guide has no slots to offer). */
  | { kind: 'map'; key: string; path: string; label: string; hint: string; required: boolean };

type Schema = {
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  enum?: unknown[];
  const?: unknown;
  anyOf?: Schema[];
  oneOf?: Schema[];
  additionalProperties?: Schema | boolean;
  description?: string;
  title?: string;
  default?: unknown;
  minimum?: number;
  exclusiveMinimum?: number;
};

/** Fields the profile holds that the page sets by other means (the guide is picked by id). */
const omitted = new Set(['$schema', 'guide']);

/** `signOn` → `Sign-on`, `totalComp` → `Total comp`, `vestingYears` → `Vesting years`. */
export function labelOf(key: string): string {
  const special: Record<string, string> = { signOn: 'Sign-on bonus', totalComp: 'Total comp', competing: 'Competing offers' };
  if (special[key]) return special[key];
  const words = key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function typeOf(schema: Schema): string | undefined {
  if (Array.isArray(schema.type)) return schema.type.find((t) => t !== 'null');
  if (schema.type) return schema.type;
  const options = schema.anyOf ?? schema.oneOf;
  if (options) {
    if (options.every((option) => option.const !== undefined)) return 'enum';
    return options.map(typeOf).find((t) => t !== undefined && t !== 'null');
  }
  if (schema.enum) return 'enum';
  return undefined;
}

function enumOf(schema: Schema): string[] | null {
  if (schema.enum) return schema.enum.map(String);
  const options = schema.anyOf ?? schema.oneOf;
  if (options && options.every((option) => option.const !== undefined)) return options.map((option) => String(option.const));
  return null;
}

/** Every slot of the guide (by its text), with its choices, in the order the guide writes them. */
export function guideSlots(guide: Guide): { slot: string; choices: string[] }[] {
  const seen = new Map<string, string[]>();
  const all = [...guide.placeholders, ...guide.levers.flatMap((lever) => lever.placeholders), ...(guide.strategy?.placeholders ?? [])];
  for (const placeholder of all) {
    if (!placeholder.closed || seen.has(placeholder.text)) continue;
    seen.set(placeholder.text, placeholder.choices.filter((choice) => choice !== ''));
  }
  return [...seen].map(([slot, choices]) => ({ slot, choices }));
}

function fieldOf(key: string, path: string, schema: Schema, required: boolean, guide: Guide | null): FormField {
  const base = { key, path, label: labelOf(key), hint: schema.description ?? '', required };
  if (path === 'region' && guide && guide.bands.length > 0) {
    return { ...base, kind: 'select', options: guide.bands.map((band) => band.region) };
  }
  const options = enumOf(schema);
  if (options) return { ...base, kind: 'select', options };
  switch (typeOf(schema)) {
    case 'number':
    case 'integer':
      return {
        ...base,
        kind: 'number',
        ...(schema.minimum !== undefined ? { min: schema.minimum } : {}),
        ...(schema.exclusiveMinimum !== undefined ? { exclusiveMin: schema.exclusiveMinimum } : {}),
        ...(typeof schema.default === 'number' ? { default: schema.default } : {}),
      };
    case 'boolean':
      return { ...base, kind: 'boolean' };
    case 'array': {
      const items = schema.items ?? {};
      if (typeOf(items) === 'object' && items.properties) {
        // A competing offer's row holds its total and currency; its detailed parts (base, vesting, ...)
        // belong in a profile file, where they have room (docs/candidate-format.md).
        const fields = fieldsOf(items, `${path}[]`, guide).filter((f) => path !== 'competing' || ['company', 'totalComp', 'currency'].includes(f.key));
        return { ...base, kind: 'rows', fields };
      }
      const item = fieldOf(key, `${path}[]`, items, true, guide);
      if (path === 'facts' && guide && item.kind === 'text') {
        // A fact fills a slot when it equals a run of adjacent choices (TS/SCI in [TS/SCI/Secret]).
        item.suggestions = [...new Set(guideSlots(guide).flatMap((slot) => choiceRuns(slot.choices)))];
      }
      return { ...base, kind: 'list', item };
    }
    case 'object': {
      if (schema.properties && Object.keys(schema.properties).length > 0) return { ...base, kind: 'group', fields: fieldsOf(schema, path, guide) };
      if (path === 'fx') return { ...base, kind: 'rates', pairs: ratePairs(guide) };
      if (schema.additionalProperties && guide) return { ...base, kind: 'slots', slots: guideSlots(guide) };
      return { ...base, kind: 'map' };
    }
    default:
      return { ...base, kind: 'text' };
  }
}

function fieldsOf(schema: Schema, prefix: string, guide: Guide | null): FormField[] {
  const required = new Set(schema.required ?? []);
  return Object.entries(schema.properties ?? {})
    .filter(([key]) => prefix !== '' || !omitted.has(key))
    .map(([key, child]) => fieldOf(key, prefix === '' ? key : `${prefix}.${key}`, child, required.has(key), guide));
}

/** Pairs "X/Y" into each of the guide's band currencies from the other common ones (an offer in pounds for a dollar band needs GBP/USD). */
export function ratePairs(guide: Guide | null): string[] {
  const bands = [...new Set((guide?.bands ?? []).map((band) => band.currency))];
  const common = [...new Set([...bands, 'USD', 'GBP', 'EUR', 'CAD', 'CHF'])];
  return (bands.length > 0 ? bands : ['USD']).flatMap((to) => common.filter((from) => from !== to).map((from) => `${from}/${to}`));
}

/** The form for a candidate of `guide` (or with no guide picked yet). */
export function candidateForm(guide: Guide | null): FormField[] {
  return fieldsOf(jsonSchema('candidate') as Schema, '', guide);
}

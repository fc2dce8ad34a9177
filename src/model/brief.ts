import { z } from 'zod';
import { Range } from './guide.js';

/** A run of text, or a bracketed slot with the value that filled it (null: unfilled). */
export const Segment = z.discriminatedUnion('type', [
  z.object({ type: z.literal('text'), text: z.string() }),
  z.object({
    type: z.literal('slot'),
    /** The slot as written between its brackets. */
    slot: z.string(),
    value: z.string().nullable(),
    /** Where the value came from. */
    source: z.enum(['fact', 'slots', 'competing', 'none']),
  }),
  /** A number the brief recomputed for the candidate (shown as written, e.g. "$231K"). */
  z.object({ type: z.literal('number'), text: z.string(), original: z.string() }),
]);
export type Segment = z.infer<typeof Segment>;

export const BriefEquity = z.object({
  low: z.number(),
  high: z.number(),
  /** Grant divided by vesting years. */
  annualLow: z.number(),
  annualHigh: z.number(),
  vestingYears: z.number(),
  kind: z.string(),
});
export type BriefEquity = z.infer<typeof BriefEquity>;

export const BriefBand = z.object({
  region: z.string(),
  currency: z.string(),
  base: Range,
  equity: BriefEquity.nullable(),
  /** The bonus in currency units (a percentage bonus already applied to each end's base). */
  bonus: Range.nullable(),
  /** The bonus as a percentage of base, when the guide writes it that way. */
  bonusPercent: Range.nullable(),
  totalComp: Range,
});
export type BriefBand = z.infer<typeof BriefBand>;

export const Package = z.object({
  base: z.number(),
  /** The whole grant. */
  equity: z.number(),
  vestingYears: z.number(),
  annualEquity: z.number(),
  bonus: z.number(),
  /** base + annualEquity + bonus, after rounding. */
  totalComp: z.number(),
});
export type Package = z.infer<typeof Package>;

/** Where a number sits in the band, in percent (0 = low end, 100 = high end). */
export const BandPosition = z.object({
  percent: z.number(),
  label: z.enum(['below band', 'in band', 'above band']),
});
export type BandPosition = z.infer<typeof BandPosition>;

export const OfferSummary = z.object({
  base: z.number(),
  equity: z.number(),
  vestingYears: z.number(),
  annualEquity: z.number(),
  bonus: z.number(),
  signOn: z.number(),
  totalComp: z.number(),
  position: z.object({
    base: BandPosition,
    annualEquity: BandPosition.nullable(),
    totalComp: BandPosition,
  }),
  /** Target minus offer: what is left to ask for. */
  gaps: z.object({ base: z.number(), annualEquity: z.number(), totalComp: z.number() }),
});
export type OfferSummary = z.infer<typeof OfferSummary>;

export const BriefLever = z.object({ name: z.string(), segments: z.array(Segment) });
export type BriefLever = z.infer<typeof BriefLever>;

export const BriefSection = z.object({ title: z.string(), markdown: z.string() });
export type BriefSection = z.infer<typeof BriefSection>;

export const UnfilledSlot = z.object({ slot: z.string(), where: z.string() });
export type UnfilledSlot = z.infer<typeof UnfilledSlot>;

export const Brief = z.object({
  guide: z.object({
    /** The guide's file name (no folders). */
    file: z.string(),
    /** sha256 of the guide's bytes, hex. */
    sha256: z.string(),
    title: z.string(),
    role: z.string(),
    company: z.string(),
    tags: z.array(z.string()),
  }),
  candidate: z.object({ name: z.string(), file: z.string().nullable() }),
  region: z.string(),
  currency: z.string(),
  /** The band row the guide's strategy numbers were written against. */
  referenceRegion: z.string(),
  band: BriefBand,
  /** Every region of the guide, for the bands table. */
  bands: z.array(BriefBand),
  target: Package,
  floor: Package,
  competing: z.object({
    offers: z.array(z.object({ company: z.string(), totalComp: z.number() })),
    best: z.object({ company: z.string(), totalComp: z.number() }).nullable(),
    /** Set when the best competing offer raised the target: what changed and why. */
    raisedTarget: z.string().nullable(),
    /** The guide's competing range, moved to the candidate's region. */
    guideRange: Range.nullable(),
  }),
  offer: OfferSummary.nullable(),
  levers: z.array(BriefLever),
  script: z.array(Segment),
  levelMapping: z.object({ text: z.string(), equivalents: z.array(z.string()) }).nullable(),
  sections: z.array(BriefSection),
  sources: z.array(z.string()),
  unfilled: z.array(UnfilledSlot),
  warnings: z.array(z.string()),
});
export type Brief = z.infer<typeof Brief>;

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
  /** A number of the plan, as shown ("$231K"); `field` names it ("target.base", "competing[0].totalComp"). */
  z.object({ type: z.literal('number'), text: z.string(), field: z.string() }),
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

/**
 * Where a number sits in the band, as words and amounts: "at 36% of the band", "below the band by
 * $12K", "above the band's top by $847K". `percent` is inside 0–100 (0 below, 100 above the band);
 * `outside` is how far beyond the nearer end the number lies (0 inside the band).
 */
export const BandPosition = z.object({
  label: z.enum(['below band', 'in band', 'above band']),
  percent: z.number().min(0).max(100),
  outside: z.number().nonnegative(),
  text: z.string(),
});
export type BandPosition = z.infer<typeof BandPosition>;

/** An amount converted into the band's currency, and how. */
export const Conversion = z.object({
  from: z.string(),
  to: z.string(),
  /** Units of `to` per unit of `from`. */
  rate: z.number().positive(),
  /** The pair as the rate was given ("GBP/USD"). */
  pair: z.string(),
  /** "≈ $130K at 1.27 GBP/USD" style note, for the offer as a whole. */
  note: z.string(),
});
export type Conversion = z.infer<typeof Conversion>;

/** Per part, the amount still to ask for (target − offer): never negative; the parts sum to `totalComp`. */
export const Gaps = z.object({ base: z.number(), annualEquity: z.number(), bonus: z.number(), totalComp: z.number() });
export type Gaps = z.infer<typeof Gaps>;

export const OfferSummary = z.object({
  base: z.number(),
  equity: z.number(),
  vestingYears: z.number(),
  annualEquity: z.number(),
  bonus: z.number(),
  signOn: z.number(),
  totalComp: z.number(),
  /** The sign-on by year: [year one, year two]; `signOn` is their sum. */
  signOnYears: z.tuple([z.number(), z.number()]),
  /** Yearly value of refreshers from year 2 (not in total comp). */
  refresher: z.number(),
  /** The grant's yearly vesting percentages, or null for even vesting. */
  schedule: z.array(z.number()).nullable(),
  cliffMonths: z.number(),
  /** The currency the profile wrote the offer in (the band's, or converted from it). */
  currency: z.string(),
  /** Set when the offer was written in another currency than the band's. */
  conversion: Conversion.nullable(),
  /** The offer as written, in its own currency, when it was converted. */
  original: z.object({ base: z.number(), equity: z.number(), bonus: z.number(), signOn: z.number(), totalComp: z.number() }).nullable(),
  position: z.object({
    base: BandPosition,
    annualEquity: BandPosition.nullable(),
    bonus: BandPosition.nullable(),
    totalComp: BandPosition,
  }),
  /** Target minus offer: what is left to ask for. */
  gaps: Gaps,
  /** How far the offer's total comp is below the floor (0 when at or above it). */
  belowFloor: z.number().nonnegative(),
});
export type OfferSummary = z.infer<typeof OfferSummary>;

/**
 * How the ask was set:
 * - `no-offer`: the guide's target moved to the region (raised by a competing offer);
 * - `below-target`: the offer is below the guide's target: each part at least the offer's;
 * - `meets-target`: the offer meets the guide's target: each part still below the band's top moves to the top;
 * - `at-band-top`: every part is already at or above the band's top: the ask is non-cash (no number invented).
 */
export const AskMode = z.enum(['no-offer', 'below-target', 'meets-target', 'at-band-top']);
export type AskMode = z.infer<typeof AskMode>;

/** One year of an offer: what is paid, by part. */
export const YearRow = z.object({
  year: z.number().int(),
  base: z.number(),
  /** Equity vesting that year by the schedule and cliff. */
  equity: z.number(),
  bonus: z.number(),
  signOn: z.number(),
  refresher: z.number(),
  total: z.number(),
});
export type YearRow = z.infer<typeof YearRow>;

/** An offer year by year (years 1–4), in the band's currency. */
export const OfferYears = z.object({
  kind: z.enum(['offer', 'target', 'competing']),
  label: z.string(),
  /** Yearly vesting percentages, or null for even vesting. */
  schedule: z.array(z.number()).nullable(),
  cliffMonths: z.number(),
  vestingYears: z.number(),
  years: z.array(YearRow),
  /** Sum of the years' totals (years 1–4). */
  fourYearTotal: z.number(),
  /** Annual total comp (base + grant ÷ vesting years + bonus), the figure the tables use. */
  annualTotalComp: z.number(),
});
export type OfferYears = z.infer<typeof OfferYears>;

/** Year one of the target against its annual TC, when the grant is back-loaded. */
export const YearOne = z.object({
  /** Annual TC minus year one's base + equity + bonus (> 0: year one pays less than the average). */
  gap: z.number(),
  /** The sign-on in year one that levels it (the gap). */
  signOnNeeded: z.number(),
  /** The offer's year-one sign-on. */
  signOnOffered: z.number(),
  /** What is left to ask for (0 when the offer's sign-on already levels it). */
  signOnToAsk: z.number(),
});
export type YearOne = z.infer<typeof YearOne>;

/** The counter-offer draft: no floor, no gaps, nothing private. */
export const Email = z.object({
  subject: z.string(),
  /** The draft as Markdown, fields filled. */
  markdown: z.string(),
  /** Its parts, for templates ({{email.ask}} ...); empty when there is nothing to say. */
  ask: z.string(),
  competing: z.string(),
  signOn: z.string(),
  lever1: z.string(),
  lever2: z.string(),
});
export type Email = z.infer<typeof Email>;

export const Ask = z.object({
  mode: AskMode,
  /** The ask in one line, default words ("Ask for $239K base + $320K/4yr equity ($319K a year); walk away below $294K."). */
  line: z.string(),
  /** "Ask for a $64K sign-on to level year one.", or null when year one needs no levelling. */
  levelLine: z.string().nullable(),
  /** The numbers of the line, for a template's own words. */
  words: z.object({ target: z.string(), annual: z.string(), floor: z.string(), nonCash: z.string(), signOn: z.string() }),
  /** The guide's target moved to the region, before the offer and competing offers were applied. */
  guideTarget: Package,
  /** One line for the reader ("Your offer already meets the guide's target of $308K."). */
  summary: z.string(),
  /** What to ask for that is not base, equity or bonus (sign-on, level, refresher). */
  nonCash: z.array(z.string()),
});
export type Ask = z.infer<typeof Ask>;

export const CompetingEntry = z.object({
  company: z.string(),
  /** Total comp in the band's currency (converted when the offer was in another). */
  totalComp: z.number(),
  currency: z.string(),
  /** The amount as written, in its own currency. */
  originalTotalComp: z.number(),
  conversion: Conversion.nullable(),
  /** True when it beats the offer in hand (or, without one, the floor): only those are quoted. */
  leverage: z.boolean(),
  /** True when the profile gives its parts (base, equity, ...), not only a total. */
  detailed: z.boolean(),
});
export type CompetingEntry = z.infer<typeof CompetingEntry>;

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
  ask: Ask,
  competing: z.object({
    /** Every competing offer, best first. */
    offers: z.array(CompetingEntry),
    best: CompetingEntry.nullable(),
    /** The offers the script quotes: leverage only, best first, at most three. */
    quoted: z.array(CompetingEntry),
    /** Set when the best competing offer raised the target: what changed and why. */
    raisedTarget: z.string().nullable(),
    /** How much of the best offer the band cannot pay (0 when none): argued as a level change or a sign-on. */
    aboveBand: z.number().nonnegative(),
    /** The guide's competing range, moved to the candidate's region. */
    guideRange: Range.nullable(),
  }),
  offer: OfferSummary.nullable(),
  /** Year by year: the offer, the target, and each detailed competing offer. */
  years: z.array(OfferYears),
  yearOne: YearOne.nullable(),
  /** Side by side (year one and annual average): the offer, the target, each competing offer. */
  offers: z.array(z.object({ kind: z.enum(['offer', 'target', 'competing']), label: z.string(), yearOne: z.number().nullable(), average: z.number() })),
  email: Email,
  levers: z.array(BriefLever),
  /** What to say: one sentence per entry, each generated from the plan or kept from the guide (no numbers). */
  script: z.array(Segment),
  scriptSentences: z.array(z.object({ kind: z.enum(['competing', 'target', 'floor', 'above-band', 'sign-on', 'guide']), segments: z.array(Segment) })),
  levelMapping: z.object({ text: z.string(), equivalents: z.array(z.string()) }).nullable(),
  sections: z.array(BriefSection),
  sources: z.array(z.string()),
  unfilled: z.array(UnfilledSlot),
  warnings: z.array(z.string()),
});
export type Brief = z.infer<typeof Brief>;

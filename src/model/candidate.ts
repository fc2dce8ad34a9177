import { z } from 'zod';

const Money = z.number().finite().nonnegative();

/** An ISO 4217 code, upper case ("USD", "GBP"). */
export const CurrencyCode = z
  .string()
  .regex(/^[A-Z]{3}$/, 'expected an ISO 4217 currency code in capitals, like "USD" or "GBP"')
  .describe('ISO 4217 currency code, e.g. USD, GBP, EUR.');
export type CurrencyCode = z.infer<typeof CurrencyCode>;

/**
 * Exchange rates by pair: `"GBP/USD": 1.27` means 1 GBP = 1.27 USD. A pair is also used the
 * other way round (USD → GBP divides by 1.27).
 */
export const FxRates = z
  .record(
    z.string().regex(/^[A-Z]{3}\/[A-Z]{3}$/, 'expected a currency pair like "GBP/USD"'),
    z.number().finite().positive('expected a positive rate (1 GBP = 1.27 USD is "GBP/USD": 1.27)'),
    {
      error: (issue) =>
        issue.code === 'invalid_key' ? 'expected a currency pair like "GBP/USD"' : 'expected an object of rates like { "GBP/USD": 1.27 }',
    },
  )
  .describe('Exchange rates, "GBP/USD": 1.27 meaning 1 GBP = 1.27 USD.');
export type FxRates = z.infer<typeof FxRates>;

/** How a grant vests: yearly percentages and a cliff before which nothing vests. */
export const Vesting = z
  .strictObject({
    schedule: z
      .array(z.number().finite().nonnegative())
      .min(1)
      .max(10)
      .refine((parts) => Math.abs(parts.reduce((sum, part) => sum + part, 0) - 100) <= 0.5, 'expected yearly percentages that add up to 100, like [25, 25, 25, 25] or [5, 15, 40, 40]')
      .optional()
      .describe('Yearly vesting percentages, e.g. [25, 25, 25, 25], [5, 15, 40, 40], [33.3, 33.3, 33.4].'),
    cliffMonths: z.number().int().min(0).max(120).default(12).describe('Months before anything vests (default 12).'),
  })
  .describe('How the grant vests.');
export type Vesting = z.infer<typeof Vesting>;

/** A bonus as an amount per year, or a target percentage of base. */
export const BonusAmount = z.union([Money, z.strictObject({ percent: z.number().finite().min(0).max(200) })], { error: 'expected a number, or { percent: 15 } for a share of base' }).describe('Bonus per year: an amount, or { percent: 15 } of base.');
export type BonusAmount = z.infer<typeof BonusAmount>;

/** A sign-on paid in year one, or split over two years. */
export const SignOn = z.union([Money, z.tuple([Money, Money])], { error: 'expected a number, or [year1, year2]' }).describe('One-time sign-on: an amount (year one) or [year1, year2]; not part of total comp.');
export type SignOn = z.infer<typeof SignOn>;

const offerParts = {
  /** The whole grant, vesting over `vestingYears` (or the schedule's years). */
  equity: Money.default(0).describe('The whole equity grant (not per year).'),
  vestingYears: z.number().positive().optional().describe("Years the grant vests over; defaults to the schedule's length, else the guide table's."),
  vesting: Vesting.optional(),
  bonus: BonusAmount.optional(),
  signOn: SignOn.optional(),
  refresher: Money.optional().describe('Yearly value of refresher grants, from year 2 (shown year by year, not in total comp).'),
  currency: CurrencyCode.optional().describe("The offer's currency; defaults to the currency of the profile region's band."),
};

export const Offer = z
  .strictObject({
    base: Money.describe('Base salary per year.'),
    ...offerParts,
  })
  .describe('The offer in hand (amounts in `currency`, by default the region band currency).');
export type Offer = z.infer<typeof Offer>;

export const CompetingOffer = z
  .strictObject({
    company: z.string().min(1),
    totalComp: Money.optional().describe('Total compensation per year, in `currency` (or give the parts, starting with base).'),
    base: Money.optional().describe('Base salary per year, for a detailed offer.'),
    ...offerParts,
  })
  .refine((offer) => offer.totalComp !== undefined || offer.base !== undefined, {
    message: 'expected totalComp, or the offer\'s parts starting with base',
    path: ['totalComp'],
  });
export type CompetingOffer = z.infer<typeof CompetingOffer>;

export const Candidate = z
  .strictObject({
    /** A JSON Schema reference for editors; ignored. */
    $schema: z.string().optional().describe('JSON Schema reference for editors; ignored.'),
    name: z.string().min(1).describe("The candidate's name, as shown on the brief."),
    region: z.string().min(1).describe("A region of the guide's band table (case-insensitive)."),
    /** Path of the guide, relative to the profile's folder. */
    guide: z.string().min(1).optional().describe("Path of the guide, relative to the profile's folder."),
    offer: Offer.optional(),
    competing: z.array(CompetingOffer).default([]).describe('Competing offers; the best may raise the target.'),
    facts: z.array(z.string()).default([]).describe('Facts that fill the guide slots (a fact equal to a run of a slot choices).'),
    /** Values for slots, keyed by the slot's text (`TS/SCI/Secret`). */
    slots: z.record(z.string(), z.string()).default({}).describe('Values for slots, keyed by the slot text (TS/SCI/Secret).'),
    fx: FxRates.default({}),
  })
  .describe('A candidate profile for offerbrief plan/render.');
export type Candidate = z.infer<typeof Candidate>;

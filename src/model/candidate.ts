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

export const Offer = z
  .strictObject({
    base: Money.describe('Base salary per year, in whole units of the region currency.'),
    /** The whole grant, vesting over `vestingYears`. */
    equity: Money.default(0).describe('The whole equity grant (not per year).'),
    vestingYears: z.number().positive().optional().describe("Years the grant vests over; defaults to the guide table's."),
    bonus: Money.optional().describe('Bonus per year.'),
    signOn: Money.optional().describe('One-time sign-on bonus (not part of total comp).'),
    currency: CurrencyCode.optional().describe("The offer's currency; defaults to the currency of the profile region's band."),
  })
  .describe('The offer in hand (amounts in `currency`, by default the region band currency).');
export type Offer = z.infer<typeof Offer>;

export const CompetingOffer = z.strictObject({
  company: z.string().min(1),
  totalComp: Money.describe('Total compensation per year, in `currency`.'),
  currency: CurrencyCode.optional().describe("The offer's currency; defaults to the currency of the profile region's band."),
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

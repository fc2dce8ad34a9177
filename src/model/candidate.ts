import { z } from 'zod';

const Money = z.number().finite().nonnegative();

export const Offer = z.strictObject({
  base: Money,
  /** The whole grant, vesting over `vestingYears`. */
  equity: Money.default(0),
  vestingYears: z.number().positive().optional(),
  bonus: Money.optional(),
  signOn: Money.optional(),
});
export type Offer = z.infer<typeof Offer>;

export const CompetingOffer = z.strictObject({
  company: z.string().min(1),
  totalComp: Money,
});
export type CompetingOffer = z.infer<typeof CompetingOffer>;

export const Candidate = z.strictObject({
  name: z.string().min(1),
  region: z.string().min(1),
  /** Path of the guide, relative to the profile's folder. */
  guide: z.string().min(1).optional(),
  offer: Offer.optional(),
  competing: z.array(CompetingOffer).default([]),
  facts: z.array(z.string()).default([]),
  /** Values for slots, keyed by the slot's text (`TS/SCI/Secret`). */
  slots: z.record(z.string(), z.string()).default({}),
});
export type Candidate = z.infer<typeof Candidate>;

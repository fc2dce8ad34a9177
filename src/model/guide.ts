import { z } from 'zod';

/** A place in the guide's source: 1-based line and column, end exclusive. */
export const Position = z.object({
  line: z.number().int().min(1),
  column: z.number().int().min(1),
  endLine: z.number().int().min(1),
  endColumn: z.number().int().min(1),
});
export type Position = z.infer<typeof Position>;

/** Low and high end of a range, in whole currency units (or percent for a percentage bonus). */
export const Range = z.object({ low: z.number(), high: z.number() });
export type Range = z.infer<typeof Range>;

export const Title = z.object({
  text: z.string(),
  role: z.string(),
  company: z.string(),
  position: Position.nullable(),
});
export type Title = z.infer<typeof Title>;

/** How one cell of the band table was read. */
export const CellKind = z.enum(['amount', 'range', 'percent', 'none', 'invalid', 'missing']);
export type CellKind = z.infer<typeof CellKind>;

export const Cell = z.object({
  /** The cell's text as written. */
  text: z.string(),
  kind: CellKind,
  /** ISO 4217 code of each amount written in the cell, in order (for `currency-mixed`). */
  currencies: z.array(z.string()),
  /** The value read: a range (an amount is low = high), or null when none/invalid/missing. */
  value: Range.nullable(),
  position: Position,
});
export type Cell = z.infer<typeof Cell>;

export const ColumnRole = z.enum(['region', 'base', 'equity', 'bonus', 'totalComp', 'unknown']);
export type ColumnRole = z.infer<typeof ColumnRole>;

export const Column = z.object({
  text: z.string(),
  role: ColumnRole,
  position: Position,
});
export type Column = z.infer<typeof Column>;

export const EquityHeader = z.object({
  /** Pre-IPO, RSU, Options, ... ('' when the header names none). */
  kind: z.string(),
  /** Vesting years as written, or null when the header names none (4 is then assumed). */
  vestingYears: z.number().nullable(),
  /** The yearly vesting schedule in percent ("5/15/40/40"), or null when the header gives none (even vesting). */
  schedule: z.array(z.number()).nullable(),
  position: Position,
});
export type EquityHeader = z.infer<typeof EquityHeader>;

export const Equity = z.object({
  low: z.number(),
  high: z.number(),
  /** The grant vests over this many years (4 when the header does not say). */
  vestingYears: z.number(),
  kind: z.string(),
  /** The yearly schedule in percent when the header gives one; lint's TC rule still uses grant ÷ years. */
  schedule: z.array(z.number()).optional(),
});
export type Equity = z.infer<typeof Equity>;

export const PercentBonus = z.object({ percentOfBase: Range });
export type PercentBonus = z.infer<typeof PercentBonus>;

export const Bonus = z.union([Range, PercentBonus]).nullable();
export type Bonus = z.infer<typeof Bonus>;

export const BandCells = z.object({
  region: Cell,
  base: Cell.nullable(),
  equity: Cell.nullable(),
  bonus: Cell.nullable(),
  totalComp: Cell.nullable(),
});
export type BandCells = z.infer<typeof BandCells>;

export const Band = z.object({
  region: z.string(),
  /** ISO 4217 code of the row (its base salary's currency; USD when nothing says). */
  currency: z.string(),
  base: Range,
  equity: Equity.nullable(),
  bonus: Bonus,
  totalComp: Range.nullable(),
  position: Position,
  /** How each cell was read; lint rules report at these positions. */
  cells: BandCells,
  /** Number of cells the row has, against the header's column count. */
  cellCount: z.number().int(),
});
export type Band = z.infer<typeof Band>;

export const Table = z.object({
  columns: z.array(Column),
  equity: EquityHeader.nullable(),
  position: Position,
});
export type Table = z.infer<typeof Table>;

export const Placeholder = z.object({
  /** The text between the brackets. */
  text: z.string(),
  /** Slash-separated choices, trimmed (may hold empty strings when malformed). */
  choices: z.array(z.string()),
  position: Position,
  /** False for an unclosed bracket. */
  closed: z.boolean(),
});
export type Placeholder = z.infer<typeof Placeholder>;

export const Section = z.object({
  title: z.string(),
  /** Plain text of the section's body. */
  text: z.string(),
  /** The body's Markdown source, for rich rendering. */
  markdown: z.string(),
  /** `bold` for a bold-paragraph title, `heading` for a true heading. */
  style: z.enum(['bold', 'heading']),
  position: Position,
});
export type Section = z.infer<typeof Section>;

export const Lever = z.object({
  name: z.string(),
  /** The quoted pitch, without its quotes. */
  pitch: z.string(),
  /** Everything after the name, as written (may hold text outside the quotes). */
  text: z.string(),
  placeholders: z.array(Placeholder),
  position: Position,
});
export type Lever = z.infer<typeof Lever>;

export const LevelMapping = z.object({
  text: z.string(),
  /** This company's level, the first part of "A = B = C". */
  level: z.string(),
  /** The other companies' equivalent levels. */
  equivalents: z.array(z.string()),
  position: Position.nullable(),
});
export type LevelMapping = z.infer<typeof LevelMapping>;

export const StrategyField = z.enum([
  'target.base',
  'target.equity',
  'target.totalComp',
  'target.bonus',
  'floor.base',
  'floor.equity',
  'floor.totalComp',
  'floor.bonus',
  'competing.low',
  'competing.high',
]);
export type StrategyField = z.infer<typeof StrategyField>;

/** One number written in the strategy's text, located by character offsets into `Strategy.text`. */
export const StrategyMention = z.object({
  field: StrategyField,
  raw: z.string(),
  value: z.number(),
  currency: z.string(),
  start: z.number().int(),
  end: z.number().int(),
  position: Position,
});
export type StrategyMention = z.infer<typeof StrategyMention>;

export const StrategyPackage = z.object({
  base: z.number(),
  equity: z.number(),
  vestingYears: z.number(),
  /** A bonus amount when the sentence names one, else null. */
  bonus: z.number().nullable(),
  totalComp: z.number().nullable(),
});
export type StrategyPackage = z.infer<typeof StrategyPackage>;

export const Strategy = z.object({
  /** The strategy's text (plain, without its bold label). */
  text: z.string(),
  currency: z.string(),
  target: StrategyPackage.nullable(),
  floor: StrategyPackage.nullable(),
  competing: Range.nullable(),
  /** The band row the numbers are written against, when the guide names one. */
  referenceRegion: z.string().nullable(),
  mentions: z.array(StrategyMention),
  placeholders: z.array(Placeholder),
  position: Position,
});
export type Strategy = z.infer<typeof Strategy>;

export const Guide = z.object({
  title: Title,
  tags: z.array(z.string()),
  table: Table.nullable(),
  bands: z.array(Band),
  sections: z.array(Section),
  levers: z.array(Lever),
  levelMapping: LevelMapping.nullable(),
  strategy: Strategy.nullable(),
  placeholders: z.array(Placeholder),
  sources: z.array(z.string()),
});
export type Guide = z.infer<typeof Guide>;

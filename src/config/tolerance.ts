import { UsageError } from '../errors.js';
import type { Tolerance } from '../validate/rule.js';

/**
 * Reads a tolerance written as `1000` (currency units), `0.5%` (of the
 * expected value) or both, comma-separated (`1000,0.5%`). A part that is not
 * written is 0: `--tolerance 0` means exact.
 */
export function parseTolerance(text: string, where = '--tolerance'): Tolerance {
  const fail = (): never => {
    throw new UsageError(`${where}: unexpected ${JSON.stringify(text)}, expected an amount, a percentage or both, like 1000, 0.5% or 1000,0.5%`);
  };
  const parts = text.split(',').map((part) => part.trim());
  let absolute: number | undefined;
  let relative: number | undefined;
  for (const part of parts) {
    const match = /^(\d+(?:\.\d+)?|\.\d+)(%?)$/.exec(part);
    if (!match) fail();
    const value = Number(match![1]);
    if (match![2] === '%') {
      if (relative !== undefined || value > 100) fail();
      relative = value / 100;
    } else {
      if (absolute !== undefined) fail();
      absolute = value;
    }
  }
  return { absolute: absolute ?? 0, relative: relative ?? 0 };
}


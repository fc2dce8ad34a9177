import leven from 'leven';

/**
 * The candidate closest to a misspelt `word`, when it is close enough to be
 * what was meant (an edit distance within a third of its length, at least 2):
 * for "did you mean" hints on commands, options and rule ids.
 */
export function closest(word: string, candidates: Iterable<string>): string | undefined {
  const lower = word.toLowerCase();
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const distance = leven(lower, candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best !== undefined && bestDistance > 0 && bestDistance <= Math.max(2, Math.floor(word.length / 3)) ? best : undefined;
}

/** `; did you mean "x"?` or nothing. */
export function didYouMean(word: string, candidates: Iterable<string>, quote = '"'): string {
  const match = closest(word, candidates);
  return match === undefined ? '' : `; did you mean ${quote}${match}${quote}?`;
}

// Installed without the optional font packages (`npm install --omit=optional`): CJK prints as "�"
// and the warning says which package would print it.
import { describe, expect, it, vi } from 'vitest';

vi.mock('../../src/render/fonts.js', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../src/render/fonts.js')>()),
  fallbackFor: () => null,
  loadFallback: () => null,
}));

const { printable } = await import('../../src/render/glyphs.js');
const { loadBrief } = await import('../../src/personalize/index.js');

describe('without the fallback font packages', () => {
  it('replaces CJK with � and names the package to install', async () => {
    const { brief } = await loadBrief({ cwd: process.cwd(), candidate: 'tests/fixtures/render/layout/cjk.yaml', force: true });
    const { brief: fixed, warnings } = printable(brief);
    expect(warnings).toContain(
      'no glyph for "王" (U+738B), "小" (U+5C0F), "明" (U+660E), "山" (U+5C71), "田" (U+7530), "太" (U+592A), "郎" (U+90CE), "김" (U+AE40), "민" (U+BBFC), "준" (U+C900) in candidate.name (and 1 field built from it): printed as "�"; install @expo-google-fonts/noto-sans-sc and @expo-google-fonts/noto-sans-kr (optional dependencies) to print them',
    );
    expect(warnings).toContain('no glyph for "🚀" (U+1F680) in competing.offers[0].company (and 8 fields built from it): printed as "�"');
    expect(fixed.candidate.name).toBe('��� (���� / ���)');
  });
});

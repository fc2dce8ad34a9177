// Fallback faces for characters DejaVu lacks: which face each character gets, and the fonts' coverage.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { faceHasGlyph, fallbackFor, scriptFallback } from '../../src/render/fonts.js';
import { printable } from '../../src/render/glyphs.js';
import { loadBrief } from '../../src/personalize/index.js';
import { withFallbackFaces } from '../../src/render/text.js';

describe('withFallbackFaces', () => {
  it('keeps a run DejaVu draws as it is', () => {
    const run = { text: 'Lumen Labs — €188K → ✓', color: '#333' };
    expect(withFallbackFaces(run, 'regular')).toEqual([run]);
    expect(withFallbackFaces(run, 'regular')[0]).toBe(run);
  });

  it('cuts Chinese, Japanese and Korean out into the fallback faces, by weight', () => {
    expect(withFallbackFaces({ text: 'for 王小明 (さくら / 김민준)!' }, 'regular')).toEqual([
      { text: 'for ' },
      { text: '王小明', face: 'cjk' },
      { text: ' (' },
      { text: 'さくら', face: 'cjk' },
      { text: ' / ' },
      { text: '김민준', face: 'hangul' },
      { text: ')!' },
    ]);
    expect(withFallbackFaces({ text: '字节跳动 Ltd', face: 'bold', link: 'https://example.org' }, 'regular')).toEqual([
      { text: '字节跳动', face: 'cjkBold', link: 'https://example.org' },
      { text: ' Ltd', face: 'bold', link: 'https://example.org' },
    ]);
    // A bold style's run without its own face falls back to the bold weight too.
    expect(withFallbackFaces({ text: '한국' }, 'boldItalic')).toEqual([{ text: '한국', face: 'hangulBold' }]);
  });

  it('leaves a character no face has (emoji) in the run for the glyph check to replace', () => {
    expect(withFallbackFaces({ text: 'Google 🚀' }, 'regular')).toEqual([{ text: 'Google 🚀' }]);
  });

  it('loses and reorders nothing, and gives each piece a face that draws it', () => {
    const chars = fc.constantFrom('a', ' ', 'é', '€', '王', '明', 'か', 'ア', '김', '준', '、', '🚀', '—');
    fc.assert(
      fc.property(fc.array(chars, { maxLength: 30 }).map((a) => a.join('')), fc.constantFrom('regular', 'bold', 'italic', 'mono') as fc.Arbitrary<'regular' | 'bold' | 'italic' | 'mono'>, (text, base) => {
        const runs = withFallbackFaces({ text }, base);
        expect(runs.map((r) => r.text).join('')).toBe(text);
        for (const r of runs) {
          if (!r.face) continue;
          for (const ch of r.text) expect(faceHasGlyph(r.face, ch.codePointAt(0)!)).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('fallback coverage', () => {
  it('covers the common Han, kana and Hangul in both weights', () => {
    const sample = '的一是不了人我在有他这中大来上国个到说们为子和你地出道也时年王李张刘陈杨黄赵吴周' + 'あいうえおかきくけこアイウエオカキクケコ' + '가나다라마바사아자차카타파하김이박최정강조윤장임';
    for (const ch of sample) {
      const code = ch.codePointAt(0)!;
      expect(fallbackFor('regular', code), ch).not.toBeNull();
      expect(fallbackFor('bold', code), ch).not.toBeNull();
    }
    expect(fallbackFor('regular', '김'.codePointAt(0)!)).toBe('hangul');
    expect(fallbackFor('regular', '王'.codePointAt(0)!)).toBe('cjk');
  });

  it('knows the script of a character', () => {
    expect(scriptFallback('王'.codePointAt(0)!)).toBe('cjk');
    expect(scriptFallback('カ'.codePointAt(0)!)).toBe('cjk');
    expect(scriptFallback('김'.codePointAt(0)!)).toBe('hangul');
    expect(scriptFallback('🚀'.codePointAt(0)!)).toBeNull();
  });

  it('asks to install nothing when the packages are installed, even for a Han character they lack', async () => {
    // U+2A6D6, a CJK Extension B character outside both Noto subsets.
    const rare = String.fromCodePoint(0x2a6d6);
    expect(fallbackFor('regular', 0x2a6d6)).toBeNull();
    const { brief } = await loadBrief({ cwd: process.cwd(), candidate: 'tests/fixtures/render/layout/cjk.yaml', force: true });
    const { warnings } = printable({ ...brief, candidate: { ...brief.candidate, name: `王${rare}` } });
    expect(warnings).toContain(`no glyph for "${rare}" (U+2A6D6) in candidate.name: printed as "�"`);
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { graphemeLength } from '@/utils/rules';
import { interpolate } from '@/utils/rules/text';

const segmenter = new Intl.Segmenter('zh', { granularity: 'grapheme' });
const reference = (s: string) => [...segmenter.segment(s)].length;

describe('graphemeLength', () => {
  it.each([
    ['', 0],
    ['夏日穿搭', 4],
    ['abc 123', 7],
    ['😀', 1],
    ['👍🏽', 1],
    ['👨‍👩‍👧', 1],
    ['🇨🇳', 1],
    ['é', 1],
    ['\r\n', 1],
    ['個人觀點，僅供參考', 9],
  ])('%j has %i', (s, n) => {
    expect(graphemeLength(s)).toBe(n);
  });

  it('agrees with Intl.Segmenter on any text (the fast path is safe)', () => {
    const pieces = fc.constantFrom(
      '字',
      'a',
      ' ',
      '\n',
      '\r',
      '，',
      '😀',
      '🏽',
      '\u200D',
      '\u0301',
      '\u302A',
      '＃',
      '—',
      'ｶ',
      '\uFF9E',
    );
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: 'grapheme' }),
          fc.array(pieces).map((a) => a.join('')),
        ),
        (s) => {
          expect(graphemeLength(s)).toBe(reference(s));
        },
      ),
      { numRuns: 3000 },
    );
  });
});

describe('interpolate', () => {
  it('fills placeholders in one pass and leaves unknown ones', () => {
    expect(interpolate('{a} 和 {b}', { a: '甲', b: '乙' })).toBe('甲 和 乙');
    expect(interpolate('{a} {missing}', { a: '甲' })).toBe('甲 {missing}');
    // A value is never read as a template, and typed braces cannot pass for an unfilled placeholder.
    expect(interpolate('「{a}」{b}', { a: '{b}', b: 'x' })).toBe('「｛b｝」x');
    expect(interpolate('{a}', { a: '{0}' })).not.toMatch(/\{\w+\}/);
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyzePhone, normalizePhone } from '@/utils/rules';
import { SEGMENTS } from '@/utils/rules/data/segments';
import { segmentOf } from '@/utils/rules/phone';

describe('normalizePhone: what users type', () => {
  it.each([
    '13800138000',
    '+86 138 0013 8000',
    '+86-138-0013-8000',
    '0086-138-0013-8000',
    '0086 13800138000',
    '86 13800138000',
    '8613800138000',
    '１３８００１３８０００',
    '＋８６　１３８　００１３　８０００',
    '＋86－138－0013－8000',
    '138.0013.8000',
    '(+86) 138 0013 8000',
    '+86 (0)138 0013 8000',
    '（+86）138-0013-8000',
    '  13800138000  ',
    '\u00A013800138000\u3000',
    'tel:+86-138-0013-8000',
    'TEL:13800138000',
    'tel://13800138000',
    '138\u200B0013\u200B8000',
    '138–0013—8000',
    '138 0013 8000\n',
    '013800138000',
  ])('%j → 13800138000', (raw) => {
    expect(normalizePhone(raw)).toBe('13800138000');
  });

  it.each([
    '',
    '   ',
    '1380013800',
    '138001380000',
    '12345678901',
    '23800138000',
    '+1 650 253 0000',
    '+852 9123 4567',
    '+86 10 1234 5678',
    '010-12345678',
    '1440012345678',
    '138 0013 8000 ext 1',
    '138OO138OOO',
    'phone: 13800138000',
    '+8613800138000+',
    '++8613800138000',
  ])('%j → null', (raw) => {
    expect(normalizePhone(raw)).toBeNull();
  });

  it('takes non-strings without throwing', () => {
    expect(normalizePhone(13800138000)).toBe('13800138000');
    expect(normalizePhone(null)).toBeNull();
    expect(normalizePhone(undefined)).toBeNull();
    expect(normalizePhone({})).toBeNull();
    expect(normalizePhone(Number.NaN)).toBeNull();
  });
});

describe('normalizePhone: properties', () => {
  /** Allocated 11-digit prefixes: any number in them is a plausible mobile number. */
  const prefixes = SEGMENTS.filter((s) => s.lengths.includes(11)).map((s) => s.prefix);
  const mobile = fc
    .tuple(
      fc.constantFrom(...prefixes),
      fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 8, maxLength: 8 }),
    )
    .map(([p, digits]) => (p + digits.join('')).slice(0, 11));

  const toFullWidth = (s: string) =>
    s.replace(/[0-9+\-(). ]/g, (c) => (c === ' ' ? '\u3000' : String.fromCharCode(c.charCodeAt(0) + 0xfee0)));
  const sep = fc.constantFrom(' ', '-', '.', '', '\u00A0', '\u3000', '－', '–', '\u200B');
  const prefix = fc.constantFrom(
    '',
    '+86',
    '+86 ',
    '0086',
    '0086-',
    '86 ',
    '86',
    '(+86) ',
    '+86 (0)',
    'tel:',
    'tel:+86',
  );
  const pad = fc.constantFrom('', ' ', '  ', '\t', '\u3000', '\n');

  const typed = fc
    .tuple(mobile, prefix, sep, pad, pad, fc.boolean(), fc.constantFrom('3-4-4', '3-8', '11', '4-4-3'))
    .map(([n, pre, s, lead, trail, fullWidth, grouping]) => {
      const groups =
        grouping === '3-4-4'
          ? [n.slice(0, 3), n.slice(3, 7), n.slice(7)]
          : grouping === '3-8'
            ? [n.slice(0, 3), n.slice(3)]
            : grouping === '4-4-3'
              ? [n.slice(0, 4), n.slice(4, 8), n.slice(8)]
              : [n];
      const body = pre + groups.join(s);
      return { n, raw: lead + (fullWidth ? toFullWidth(body) : body) + trail };
    });

  it('any valid mobile number typed in any of the usual ways normalises to its 11 digits', () => {
    fc.assert(
      fc.property(typed, ({ n, raw }) => {
        expect(normalizePhone(raw)).toBe(n);
      }),
      { numRuns: 2000 },
    );
  });

  it('is idempotent', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          typed.map((t) => t.raw),
          fc.string(),
          fc.stringMatching(/^[+\d\s\-.()]{0,20}$/),
        ),
        (raw) => {
          const once = normalizePhone(raw);
          if (once !== null) expect(normalizePhone(once)).toBe(once);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('never throws on garbage, and yields null or a plausible 11-digit number', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string({ unit: 'grapheme' }), fc.string({ unit: 'binary' }), fc.anything()),
        (raw) => {
          const out = normalizePhone(raw);
          expect(out === null || /^1[3-9]\d{9}$/.test(out)).toBe(true);
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('never throws in analyzePhone either', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.anything(),
          typed.map((t) => t.raw),
        ),
        (raw) => {
          const a = analyzePhone(raw);
          expect(a.normalized === null || /^1[3-9]\d{9}$/.test(a.normalized)).toBe(true);
        },
      ),
      { numRuns: 1000 },
    );
  });
});

describe('analyzePhone', () => {
  it('classifies segments', () => {
    expect(analyzePhone('13800138000').segment).toMatchObject({
      operator: 'china-mobile',
      category: 'mobile',
    });
    expect(analyzePhone('19212345678').segment).toMatchObject({
      operator: 'china-broadnet',
      category: 'mobile',
    });
    expect(analyzePhone('17012345678').segment).toMatchObject({ prefix: '1701', category: 'virtual' });
    expect(analyzePhone('13491234567').segment).toMatchObject({ prefix: '1349', category: 'satellite' });
    expect(analyzePhone('13481234567').segment).toMatchObject({ prefix: '1348', category: 'mobile' });
    expect(analyzePhone('14512345678').segment?.category).toBe('data-only');
    expect(analyzePhone('15412345678').segment).toBeNull();
  });

  it('recognises 13-digit IoT numbers without calling them mobile', () => {
    const a = analyzePhone('144 0012 345678');
    expect(a.normalized).toBeNull();
    expect(a.longIot).toBe(true);
    expect(a.segment?.category).toBe('iot');
    expect(analyzePhone('+86 1064 8123 45678').longIot).toBe(true);
  });

  it('reads foreign numbers with libphonenumber-js', () => {
    expect(analyzePhone('+852 9123 4567').foreign).toEqual({ callingCode: '852', country: 'HK' });
    expect(analyzePhone('00852 9123 4567').foreign).toEqual({ callingCode: '852', country: 'HK' });
    expect(analyzePhone('+86 138 0013 8000').foreign).toBeNull();
  });

  it('asks libphonenumber-js for a second opinion', () => {
    expect(analyzePhone('13800138000').libphonenumberValid).toBe(true);
    expect(analyzePhone('15400138000').libphonenumberValid).toBe(false);
  });

  it('empty means nothing but separators', () => {
    expect(analyzePhone(' - ').empty).toBe(true);
    expect(analyzePhone('x').empty).toBe(false);
  });

  it('segmentOf checks the length', () => {
    expect(segmentOf('1064812345678')?.prefix).toBe('1064');
    expect(segmentOf('10648123456')).toBeNull();
  });
});

/** The platform-specific tables are data: these tests check the data's own shape. */
import { isValidPhoneNumber } from 'libphonenumber-js/mobile';
import { describe, expect, it } from 'vitest';
import { DECLARATIONS } from '@/utils/rules/data/declarations';
import { ENTRANCES, IDENTITY_LABELS, PLATFORM_OF_IDENTITY, SCOPE_LABELS } from '@/utils/rules/data/labels';
import { PUBLISH_LIMITS, SCHEDULE_LIMITS } from '@/utils/rules/data/limits';
import { SEGMENTS, SEGMENTS_AS_OF } from '@/utils/rules/data/segments';
import { STORE_TYPES } from '@/utils/rules/data/store-types';

describe('data/segments', () => {
  it('has an as-of date', () => {
    expect(SEGMENTS_AS_OF).toMatch(/^\d{4}-\d{2}(-\d{2})?$/);
  });

  it('every prefix is 3–4 digits starting with 1', () => {
    for (const s of SEGMENTS) expect(s.prefix, s.prefix).toMatch(/^1\d{2,3}$/);
  });

  it('no prefix repeats or is a prefix of another (no overlapping segments)', () => {
    const prefixes = SEGMENTS.map((s) => s.prefix);
    expect(new Set(prefixes).size).toBe(prefixes.length);
    for (const a of prefixes)
      for (const b of prefixes) if (a !== b) expect(b.startsWith(a), `${a} overlaps ${b}`).toBe(false);
  });

  it('lengths are 11 or 13 and never empty; only IoT has 13-digit numbers', () => {
    for (const s of SEGMENTS) {
      expect(s.lengths.length, s.prefix).toBeGreaterThan(0);
      for (const l of s.lengths) expect([11, 13]).toContain(l);
      if (s.lengths.includes(13)) expect(s.category, s.prefix).toBe('iot');
    }
  });

  it('11-digit segments are plausible mainland mobile prefixes (1[3-9]x)', () => {
    for (const s of SEGMENTS.filter((x) => x.lengths.includes(11))) expect(s.prefix).toMatch(/^1[3-9]/);
  });

  it('includes the segments the brief names', () => {
    const has = (p: string) => SEGMENTS.some((s) => s.prefix === p);
    for (const p of [
      '192',
      '196',
      '197',
      '170' + '0',
      '171',
      '162',
      '165',
      '167',
      '145',
      '147',
      '149',
      '1349',
      '1740',
      '1064',
    ])
      expect(has(p), p).toBe(true);
  });

  it('ordinary and virtual segments are valid mobile numbers for libphonenumber-js too', () => {
    for (const s of SEGMENTS.filter((x) => x.category === 'mobile' || x.category === 'virtual')) {
      const sample = (s.prefix + '12345678').slice(0, 11);
      expect(isValidPhoneNumber(sample, 'CN'), sample).toBe(true);
    }
  });
});

describe('data/limits', () => {
  it('all limits are positive integers, minimums below maximums', () => {
    for (const [k, v] of Object.entries({ ...PUBLISH_LIMITS, ...SCHEDULE_LIMITS })) {
      expect(Number.isInteger(v), k).toBe(true);
      expect(v, k).toBeGreaterThan(0);
    }
    expect(PUBLISH_LIMITS.imagesMin).toBeLessThanOrEqual(PUBLISH_LIMITS.imagesMax);
    expect(SCHEDULE_LIMITS.minAheadMs).toBeLessThan(SCHEDULE_LIMITS.maxAheadMs);
    expect(SCHEDULE_LIMITS.nearMinimumMarginMs).toBeLessThan(SCHEDULE_LIMITS.minAheadMs);
  });

  it('match platform.md §3.6', () => {
    expect(PUBLISH_LIMITS).toEqual({
      titleMax: 30,
      descriptionMax: 1000,
      tagsMax: 4,
      productsMax: 6,
      imagesMin: 1,
      imagesMax: 9,
    });
    expect(SCHEDULE_LIMITS.minAheadMs).toBe(2 * 3_600_000);
    expect(SCHEDULE_LIMITS.maxAheadMs).toBe(30 * 86_400_000);
    expect(SCHEDULE_LIMITS.beijingOffsetMinutes).toBe(480);
  });
});

describe('data/declarations', () => {
  it('has the six options of the publish form, unique, with both languages', () => {
    expect(DECLARATIONS.map((d) => d.label.zh)).toEqual([
      '内容无需标注',
      '含AI生成内容',
      '含虚构演绎内容',
      '内容为转载',
      '个人观点，仅供参考',
      '内容含营销信息',
    ]);
    expect(new Set(DECLARATIONS.map((d) => d.id)).size).toBe(DECLARATIONS.length);
    for (const d of DECLARATIONS) expect(d.label.en.length).toBeGreaterThan(0);
  });
});

describe('data/store-types', () => {
  it('suffixes are unique, end with 店, and ids are unique', () => {
    const suffixes = STORE_TYPES.map((t) => t.suffix);
    expect(new Set(suffixes).size).toBe(suffixes.length);
    expect(new Set(STORE_TYPES.map((t) => t.id)).size).toBe(STORE_TYPES.length);
    for (const s of suffixes) expect(s.endsWith('店'), s).toBe(true);
  });

  it('covered types are exactly the ones seed-000 states, with non-empty replacements', () => {
    const covered = STORE_TYPES.filter((t) => t.derivation.covered);
    expect(covered.map((t) => t.suffix).sort()).toEqual(['专卖店', '专营店', '官方旗舰店'].sort());
    for (const t of covered) if (t.derivation.covered) expect(t.derivation.replacement).not.toMatch(/^$|店$/);
  });

  it('labels are bilingual', () => {
    for (const t of STORE_TYPES) expect(t.label.zh && t.label.en).toBeTruthy();
  });
});

describe('data/labels', () => {
  it('every identity has a label and a platform; every entrance a platform', () => {
    expect(Object.keys(PLATFORM_OF_IDENTITY).sort()).toEqual(Object.keys(IDENTITY_LABELS).sort());
    expect(PLATFORM_OF_IDENTITY.institution).toBe('institution');
    expect(ENTRANCES['institution-service'].platform).toBe('institution');
    expect(ENTRANCES.settle.platform).toBe('creator');
    expect(ENTRANCES['creator-service'].platform).toBe('creator');
    expect(Object.keys(SCOPE_LABELS).sort()).toEqual([
      'product-pool',
      'proxy-interaction',
      'proxy-publish',
      'shop-card',
    ]);
  });
});

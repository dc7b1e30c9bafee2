/**
 * The message catalogues (utils/i18n/): every key in both languages, the same placeholders in each,
 * no Chinese in the English ones, and `translate` / `resolveLang` behave.
 */
import { describe, expect, it } from 'vitest';
import { CATALOGUES, translate, both, type MessageKey } from '@/utils/i18n';
import { BOX_TEXT } from '@/utils/i18n/box';
import { resolveLang, LANG_NAMES } from '@/utils/i18n/lang';
import { zh as firstZh } from '@/utils/i18n/zh';
import { en as firstEn } from '@/utils/i18n/en';
import { ledgerZh } from '@/utils/i18n/ledger/zh';
import { ledgerEn } from '@/utils/i18n/ledger/en';
import '@/utils/i18n/ledger';

/** Both catalogues (first paint + ledger) together, as the panel has them once the ledger loads. */
const zh: Record<MessageKey, string> = { ...firstZh, ...ledgerZh };
const en: Record<MessageKey, string> = { ...firstEn, ...ledgerEn };

/** Han ideographs, CJK punctuation and full-width forms. */
const CJK = /[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef]/;

/**
 * Names the platform itself shows in Chinese (menus, buttons) that an English instruction must quote
 * so the user finds them on the page; the English catalogue may hold these and nothing else in Chinese.
 */
const PLATFORM_WORDS = [
  '矩阵账号管理',
  '新增矩阵账号',
  '账号资产',
  '账号管理',
  '我的逛逛号',
  '设置',
  '达人管理',
];

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('panel catalogues', () => {
  const keys = Object.keys(zh).sort();

  it('split into a first-paint and a ledger catalogue with no key in both', () => {
    const first = Object.keys(firstZh);
    expect(first.filter((k) => k in ledgerZh)).toEqual([]);
    expect(Object.keys(firstEn).sort()).toEqual(first.sort());
    expect(Object.keys(ledgerEn).sort()).toEqual(Object.keys(ledgerZh).sort());
    // Registered: every key translates to its own text.
    for (const k of keys as MessageKey[]) expect(CATALOGUES.en[k], k).toBe(en[k]);
  });

  it('have the same keys in Chinese and English, none empty', () => {
    expect(keys.length).toBeGreaterThan(100);
    expect(Object.keys(en).sort()).toEqual(keys);
    for (const k of keys) {
      expect(zh[k as MessageKey].trim(), `zh ${k}`).not.toBe('');
      expect(en[k as MessageKey].trim(), `en ${k}`).not.toBe('');
    }
  });

  it('have the same placeholders in both languages', () => {
    for (const k of keys as MessageKey[]) expect(placeholders(en[k]), k).toEqual(placeholders(zh[k]));
  });

  it('hold no Chinese in English, except the platform words it quotes', () => {
    for (const k of keys as MessageKey[]) {
      let text: string = en[k];
      for (const w of PLATFORM_WORDS) text = text.replaceAll(w, '');
      expect(text, k).not.toMatch(CJK);
    }
  });

  it('hold Chinese in every Chinese message but names and symbols', () => {
    const words = (s: string) => s.replace(/\{\w+\}/g, '');
    const latinOnly = (keys as MessageKey[]).filter(
      (k) => !CJK.test(zh[k]) && /[A-Za-z]{2,}/.test(words(zh[k])),
    );
    // Only what the Chinese interface writes in Latin letters as is (a file format).
    expect(latinOnly).toEqual(['backup.what.csv']);
  });
});

describe('findings box catalogue', () => {
  it('has the same keys in both languages, no Chinese in English', () => {
    expect(BOX_TEXT.en).toHaveLength(BOX_TEXT.zh.length);
    BOX_TEXT.en.forEach((v, i) => expect(v, `en ${i}`).not.toMatch(CJK));
    BOX_TEXT.zh.forEach((v, i) => expect(v, `zh ${i}`).toMatch(CJK));
    for (const v of [...BOX_TEXT.zh, ...BOX_TEXT.en]) expect(v.trim()).not.toBe('');
  });
});

describe('translate', () => {
  it('fills placeholders and leaves the rest as is', () => {
    expect(translate('zh', 'age.days', { n: 3 })).toBe('3 天前');
    expect(translate('en', 'age.days', { n: 3 })).toBe('3 d ago');
    expect(translate('en', 'tab.now')).toBe('Now');
    expect(both('tab.ledger')).toEqual({ zh: '台账', en: 'Ledger' });
    expect(CATALOGUES.en['tab.guides']).toBe('Guides');
  });
});

describe('resolveLang', () => {
  it('follows the browser on auto: English for an English UI, Chinese otherwise', () => {
    expect(resolveLang('auto', 'en-US')).toBe('en');
    expect(resolveLang('auto', 'en')).toBe('en');
    expect(resolveLang('auto', 'en_GB')).toBe('en');
    expect(resolveLang('auto', 'zh-CN')).toBe('zh');
    expect(resolveLang('auto', 'de')).toBe('zh');
    expect(resolveLang('auto', '')).toBe('zh');
    expect(resolveLang(undefined, 'en-US')).toBe('en');
  });
  it('uses the setting when it names a language, and ignores bad data', () => {
    expect(resolveLang('zh', 'en-US')).toBe('zh');
    expect(resolveLang('en', 'zh-CN')).toBe('en');
    expect(resolveLang(42, 'zh-CN')).toBe('zh');
    expect(LANG_NAMES).toEqual({ zh: '简体中文', en: 'English' });
  });
});

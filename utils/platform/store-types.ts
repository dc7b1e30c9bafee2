import type { Term as LocalizedText } from './terms.ts';

/**
 * Tmall store types recognised by the ending of the store name (seed-000, platform.md §3.2).
 *
 * Only two derivations are stated by the source: `XXXX官方旗舰店` → `XXXX天猫官方`, and 专卖店 /
 * 专营店 → the store name without 店. Every other type is listed so the rule can *say* it does not
 * cover it, instead of guessing. Matching takes the longest suffix that fits, so `…海外旗舰店` is
 * 天猫国际 and not a plain 旗舰店, and `…卖场型旗舰店` is not a plain 旗舰店.
 */
export type StoreDerivation =
  /** Replace the suffix with `replacement`. */
  { covered: true; replacement: string } | { covered: false };

export interface StoreType {
  id: string;
  suffix: string;
  label: LocalizedText;
  derivation: StoreDerivation;
}

export const STORE_TYPES: readonly StoreType[] = [
  {
    id: 'official-flagship',
    suffix: '官方旗舰店',
    label: { zh: '官方旗舰店', en: 'official flagship store' },
    derivation: { covered: true, replacement: '天猫官方' },
  },
  {
    id: 'franchise',
    suffix: '专卖店',
    label: { zh: '专卖店', en: 'franchise store (专卖店)' },
    derivation: { covered: true, replacement: '专卖' },
  },
  {
    id: 'specialty',
    suffix: '专营店',
    label: { zh: '专营店', en: 'specialty store (专营店)' },
    derivation: { covered: true, replacement: '专营' },
  },
  {
    id: 'flagship',
    suffix: '旗舰店',
    label: { zh: '旗舰店（无“官方”）', en: 'flagship store without 官方' },
    derivation: { covered: false },
  },
  {
    id: 'mall-flagship',
    suffix: '卖场型旗舰店',
    label: { zh: '卖场型旗舰店', en: 'marketplace-type flagship store (卖场型旗舰店)' },
    derivation: { covered: false },
  },
  {
    id: 'global-flagship',
    suffix: '海外旗舰店',
    label: { zh: '天猫国际海外旗舰店', en: 'Tmall Global overseas flagship store' },
    derivation: { covered: false },
  },
  {
    id: 'global-official-flagship',
    suffix: '官方海外旗舰店',
    label: { zh: '天猫国际官方海外旗舰店', en: 'Tmall Global official overseas flagship store' },
    derivation: { covered: false },
  },
  {
    id: 'global-franchise',
    suffix: '海外专卖店',
    label: { zh: '天猫国际海外专卖店', en: 'Tmall Global overseas franchise store' },
    derivation: { covered: false },
  },
  {
    id: 'global-specialty',
    suffix: '海外专营店',
    label: { zh: '天猫国际海外专营店', en: 'Tmall Global overseas specialty store' },
    derivation: { covered: false },
  },
  {
    id: 'global-direct',
    suffix: '海外直营店',
    label: { zh: '天猫国际直营店', en: 'Tmall Global direct store' },
    derivation: { covered: false },
  },
  {
    id: 'enterprise',
    suffix: '企业店',
    label: { zh: '企业店', en: 'enterprise store (企业店)' },
    derivation: { covered: false },
  },
];

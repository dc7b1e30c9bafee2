/**
 * The on-page findings box's messages, per language. Kept apart from the panel's catalogue (zh.ts,
 * en.ts) because the content script imports it and must stay tiny (budget 8 KB gzip): a labelled
 * tuple rather than an object, so no key names reach the bundle, and the same length in both
 * languages is a type check. tests/unit/i18n-catalogues.test.ts checks it like the panel's.
 */
import type { Lang } from './lang';

export type BoxTexts = readonly [
  titleBlock: string,
  titleWarn: string,
  sevBlock: string,
  sevWarn: string,
  sevInfo: string,
  edit: string,
  reason: string,
  continueAnyway: string,
];

export const BOX_TEXT: Readonly<Record<Lang, BoxTexts>> = {
  zh: [
    '光合助手：提交已拦截，请先修改',
    '光合助手：请确认后再提交',
    '阻止',
    '提醒',
    '说明',
    '返回修改',
    '继续的理由（可选）',
    '仍然继续',
  ],
  en: [
    'Guanghe Assistant: submit held, please fix first',
    'Guanghe Assistant: please confirm before submitting',
    'Block',
    'Warning',
    'Note',
    'Edit',
    'Reason to continue (optional)',
    'Continue anyway',
  ],
};

/**
 * The on-page findings box's messages, per language. Kept apart from the panel's catalogue (zh.ts,
 * en.ts) because the content script imports it and must stay tiny; tests/unit/i18n-catalogues.test.ts
 * checks it the same way.
 */
import type { Lang } from './lang';

const zh = {
  titleBlock: '光合助手：提交已拦截，请先修改',
  titleWarn: '光合助手：请确认后再提交',
  sevBlock: '阻止',
  sevWarn: '提醒',
  sevInfo: '说明',
  edit: '返回修改',
  reasonPlaceholder: '继续的理由（可选）',
  reasonLabel: '继续的理由',
  continue: '仍然继续',
};

export type BoxKey = keyof typeof zh;

export const BOX_TEXT: Readonly<Record<Lang, Readonly<Record<BoxKey, string>>>> = {
  zh,
  en: {
    titleBlock: 'Guanghe Assistant: submit held, please fix first',
    titleWarn: 'Guanghe Assistant: please confirm before submitting',
    sevBlock: 'Block',
    sevWarn: 'Warning',
    sevInfo: 'Note',
    edit: 'Edit',
    reasonPlaceholder: 'Reason to continue (optional)',
    reasonLabel: 'Reason to continue',
    continue: 'Continue anyway',
  },
};

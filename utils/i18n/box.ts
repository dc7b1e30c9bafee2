/**
 * The on-page findings box's messages, per language, and its style. Kept apart from the panel's
 * catalogue (zh.ts, en.ts): the background sends them with every warn or block verdict (`box` in
 * utils/submit-types.ts), so the content script, which must stay tiny (budget 8 KB gzip), carries
 * none of them. A labelled tuple rather than an object, so no key names travel, and the same length
 * in both languages is a type check. tests/unit/i18n-catalogues.test.ts checks it like the panel's.
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

/** The box's style, inside its shadow root. */
export const BOX_CSS = `
:host{all:initial}
@supports not (position-area:bottom){:host{right:16px;bottom:16px}}
.box{width:360px;max-height:60vh;min-height:0;overflow:auto;box-sizing:border-box;
background:#fff;border-radius:8px;box-shadow:0 6px 24px rgba(0,0,0,.18);font:14px/1.5 "PingFang SC","Microsoft YaHei","Noto Sans CJK SC",system-ui,sans-serif;color:#1f2329;border-top:4px solid #f5a623}
.box.block{border-top-color:#c62828}
h2{margin:0;padding:10px 14px 4px;font-size:14px}
ul{margin:0;padding:4px 14px 4px 30px}
li{margin:6px 0}
.sev{font-weight:600;margin-right:4px}.block .sev-block{color:#c62828}.sev-warn{color:#995a00}.sev-info{color:#3370ff}
.row{display:flex;gap:8px;padding:8px 14px 12px;align-items:center;flex-wrap:wrap}
input{flex:1 1 100%;padding:5px 8px;border:1px solid #d0d3d6;border-radius:4px;font:inherit}
button{padding:5px 12px;border-radius:4px;border:1px solid #d0d3d6;background:#fff;font:inherit;cursor:pointer}
button.primary{background:#995a00;border-color:#995a00;color:#fff}
`;

/**
 * The box's host, positioned in the page's own tree (where the anchor name of the held button is
 * seen): below the button, else below it to the right, else beside it; never over the form above it.
 * No insets here: they would pull the box away from the button. Without anchor positioning the
 * shadow root's style puts it in the window's corner (`@supports not`, BOX_CSS).
 *
 * Below the button the box takes at most the room there is (its position area less its margins;
 * the box inside shrinks to it and scrolls), so a form near the window's bottom keeps it under the
 * button. Beside the button it could cover a field wider than the button (a larger font is enough),
 * so that is only for less than `min-height` of room below.
 */
export const BOX_HOST_CSS =
  'position:fixed;z-index:2147483647;margin:8px;' +
  'display:flex;flex-direction:column;max-height:calc(100% - 16px);min-height:160px;' +
  'position-anchor:--gh;position-area:bottom span-left;' +
  'position-try-fallbacks:bottom span-right,right span-top,left span-top';

/**
 * What a warn or block verdict carries for the box: its style, its words in both languages, and the
 * language the setting `auto` stands for (the browser's UI language, resolved by the background), so
 * the box follows a change of the setting without resolving it itself.
 */
export interface BoxKit {
  css: string;
  /** The host element's inline style: where the box sits. */
  host: string;
  text: Readonly<Record<Lang, BoxTexts>>;
  auto: Lang;
}

export const boxKit = (auto: Lang): BoxKit => ({ css: BOX_CSS, host: BOX_HOST_CSS, text: BOX_TEXT, auto });

/**
 * Which language the extension speaks. Dependency-free (the content script imports it): the setting's
 * values, its storage key, and how `auto` is resolved from the browser's UI language.
 */

/** The languages the interface speaks, one at a time. */
export type Lang = 'zh' | 'en';

/** The user's choice: follow the browser (跟随浏览器), 简体中文 or English. */
export type LangSetting = 'auto' | Lang;

export const LANG_SETTINGS: readonly LangSetting[] = ['auto', 'zh', 'en'];

/** The `storage.local` key of the setting (the item is `languageItem` in utils/storage-items.ts). */
export const LANGUAGE_KEY = 'language';

/** Text held in both languages (rule messages, guides, errors): shown in one of them with `pick`. */
export interface Bi {
  zh: string;
  en: string;
}

export const isLangSetting = (v: unknown): v is LangSetting => v === 'auto' || v === 'zh' || v === 'en';

/**
 * The language to show: the setting when it names one, else English when the browser's UI language is
 * English, else Simplified Chinese (the default, also for any other UI language and for bad data).
 */
export function resolveLang(setting: unknown, uiLanguage: string | undefined): Lang {
  if (setting === 'zh' || setting === 'en') return setting;
  return /^en(-|_|$)/i.test(uiLanguage ?? '') ? 'en' : 'zh';
}

/** The browser's UI language (`browser.i18n.getUILanguage()`), or '' where there is none. */
export function browserUiLanguage(): string {
  try {
    return browser.i18n.getUILanguage();
  } catch {
    return '';
  }
}

export const pick = (text: Bi, lang: Lang): string => text[lang];

/**
 * The setting's choices as the select shows them: each language by its own name (so a reader who
 * cannot read the current language still finds theirs), "follow the browser" in the current one.
 */
export const LANG_NAMES: Readonly<Record<Lang, string>> = { zh: '简体中文', en: 'English' };

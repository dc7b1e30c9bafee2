/**
 * The panel's language: one provider (at the root, entrypoints/sidepanel/main.tsx) watches the
 * language setting in storage, so every open panel switches at once when any of them changes it.
 */
import { createContext, useContext, useEffect, useMemo, type ReactNode } from 'react';
import {
  browserUiLanguage,
  isLangSetting,
  pick,
  resolveLang,
  translator,
  type Bi,
  type Lang,
  type LangSetting,
  type Translate,
} from '@/utils/i18n';
import { languageItem } from '@/utils/storage-items';
import { useStorageItem } from './useStorageItem';

export interface I18n {
  /** The language shown. */
  lang: Lang;
  /** The stored choice (`auto` until it is read). */
  setting: LangSetting;
  /** A catalogue message in `lang`. */
  t: Translate;
  /** One language of text held in both (rule messages, guides, errors). */
  p: (text: Bi) => string;
  /** `lang` as an HTML `lang` attribute. */
  htmlLang: string;
}

function make(setting: LangSetting): I18n {
  const lang = resolveLang(setting, browserUiLanguage());
  return {
    lang,
    setting,
    t: translator(lang),
    p: (text) => pick(text, lang),
    htmlLang: lang === 'zh' ? 'zh-CN' : 'en',
  };
}

const I18nContext = createContext<I18n>(make('auto'));

export function I18nProvider({ children }: { children: ReactNode }) {
  const stored = useStorageItem(languageItem);
  const setting = isLangSetting(stored) ? stored : 'auto';
  const value = useMemo(() => make(setting), [setting]);
  useEffect(() => {
    document.documentElement.lang = value.htmlLang;
    document.title = value.t('app.title');
  }, [value]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export const useI18n = (): I18n => useContext(I18nContext);

/** Stores the choice: every open panel (and an open findings box) follows through `storage.onChanged`. */
export const setLanguage = (setting: LangSetting): Promise<void> => languageItem.setValue(setting);

import { LANG_NAMES, LANG_SETTINGS, type LangSetting } from '@/utils/i18n/lang';
import { setLanguage, useI18n } from './hooks/useI18n';

/** 跟随浏览器 / 简体中文 / English: remembered, and followed by every open panel and findings box. */
export function LanguageSelect() {
  const { t, setting, htmlLang } = useI18n();
  return (
    <label className="lang-select">
      <span className="visually-hidden">{t('lang.label')}</span>
      <select
        value={setting}
        data-testid="language-select"
        onChange={(e) => void setLanguage(e.target.value as LangSetting).catch(() => undefined)}
      >
        {LANG_SETTINGS.map((s) => (
          <option key={s} value={s} lang={s === 'auto' ? htmlLang : s === 'zh' ? 'zh-CN' : 'en'}>
            {s === 'auto' ? t('lang.auto') : LANG_NAMES[s]}
          </option>
        ))}
      </select>
    </label>
  );
}

/** The interface language as the background sees it (findings box, notifications, CSV headers). */
import { browserUiLanguage, resolveLang, type Lang } from '@/utils/i18n/lang';
import { languageItem } from '@/utils/storage-items';

/** The language setting resolved (`auto` → the browser's UI language); Chinese if it cannot be read. */
export async function currentLang(): Promise<Lang> {
  const setting: unknown = await languageItem.getValue().catch(() => 'auto');
  return resolveLang(setting, browserUiLanguage());
}

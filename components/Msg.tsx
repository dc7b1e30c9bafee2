import type { MessageKey, ParamsOf } from '@/utils/i18n';
import { useI18n } from './hooks/useI18n';

/** One catalogue message in the chosen language, as text (for JSX where no `t` is at hand). */
export function Msg<K extends MessageKey>({ k, params }: { k: K; params?: ParamsOf<K> }) {
  const { t } = useI18n();
  return <>{(t as (key: MessageKey, p?: Record<string, string | number>) => string)(k, params)}</>;
}

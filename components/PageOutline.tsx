import { useState } from 'react';
import { sendMessage } from '@/utils/messaging';
import { renderOutline } from '@/utils/pages/outline-text';
import { useI18n } from './hooks/useI18n';

type Status = '' | 'copied' | 'saved' | 'failed' | 'copyFailed';

/** The tab's page structure as text (utils/pages/outline.ts), or null when it could not be read. */
async function outlineText(tabId: number): Promise<string | null> {
  const answer = await sendMessage('page:outline', { tabId }).catch(() => null);
  return answer?.ok ? renderOutline(answer.frames, answer.unread) : null;
}

/** 复制页面结构 / 保存为文件: the page's outline for a report about a page the assistant missed. */
export function PageOutline({ tabId }: { tabId: number }) {
  const { t } = useI18n();
  const [status, setStatus] = useState<Status>('');
  const copy = async () => {
    const text = await outlineText(tabId);
    if (text === null) return setStatus('failed');
    await navigator.clipboard.writeText(text).then(
      () => setStatus('copied'),
      () => setStatus('copyFailed'),
    );
  };
  const save = async () => {
    const text = await outlineText(tabId);
    if (text === null) return setStatus('failed');
    const url = URL.createObjectURL(new Blob([text], { type: 'text/plain;charset=utf-8' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = 'guanghe-page-outline.txt';
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
    setStatus('saved');
  };
  return (
    <div className="outline" data-testid="page-outline">
      <p className="hint">{t('outline.hint')}</p>
      <button type="button" onClick={() => void copy()}>
        {t('outline.copy')}
      </button>{' '}
      <button type="button" onClick={() => void save()}>
        {t('outline.save')}
      </button>
      <span role="status" className="copied">
        {status ? t(`outline.${status}`) : ''}
      </span>
    </div>
  );
}

import { checkLogItem } from '@/utils/storage-items';
import type { CheckLogEntry } from '@/utils/tab-state';
import { useStorageItem } from './hooks/useStorageItem';

const KIND: Record<string, string> = {
  'matrix-invite': '邀请矩阵账号 · Invite',
  'permission-request': '申请代理权限 · Permission request',
  unbind: '解绑 · Unbind',
  'nickname-confirm': '确认昵称 · Nickname',
  'proxy-publish-video': '发布视频 · Publish video',
  'proxy-publish-image': '发布图文 · Publish images',
};
const OUTCOME: Record<string, string> = {
  released: '已提交 · sent',
  continued: '确认后继续 · continued',
  cancelled: '返回修改 · back to edit',
  'failed-open': '检查出错，已放行 · check failed, let through',
};

const SHOWN = 8;

/** The last few pre-submit checks, newest first, from the background's persistent log. */
export function RecentChecks() {
  const stored = useStorageItem(checkLogItem);
  const log = Array.isArray(stored) ? (stored as CheckLogEntry[]) : [];
  if (log.length === 0) return null;
  const recent = log.slice(-SHOWN).reverse();
  return (
    <section className="card" aria-labelledby="recent-checks-title" data-testid="recent-checks">
      <h2 id="recent-checks-title" className="bi">
        <span>最近的提交检查</span>
        <span className="en">Recent pre-submit checks</span>
      </h2>
      <ul className="recent" role="list">
        {recent.map((e) => (
          <li
            key={e.checkId}
            data-testid="recent-check"
            data-kind={e.kind}
            data-verdict={e.verdict}
            data-outcome={e.outcome ?? ''}
          >
            <span className={`chip sev-${e.verdict === 'allow' ? 'info' : e.verdict}`}>
              {e.verdict === 'block' ? '拦截' : e.verdict === 'warn' ? '提醒' : '通过'}
            </span>{' '}
            {KIND[e.kind] ?? e.kind}
            {e.outcome && <span className="muted"> → {OUTCOME[e.outcome] ?? e.outcome}</span>}
            {e.reason && <span className="reason"> 「{e.reason}」</span>}
            {e.reply?.length ? (
              <span className="muted" data-testid="recent-check-reply">
                {' '}
                · 平台：{e.reply.join('；')}
              </span>
            ) : null}
            <time className="muted" dateTime={new Date(e.at).toISOString()}>
              {' '}
              {new Date(e.at).toLocaleTimeString('zh-CN', { hour: '2-digit', minute: '2-digit' })}
            </time>
          </li>
        ))}
      </ul>
    </section>
  );
}

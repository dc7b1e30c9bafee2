import type { Status } from './command';
import { useI18n } from '../hooks/useI18n';

/**
 * The inline result of a command: a polite live region for success, an alert for errors, in the
 * chosen language. Always rendered, so assistive technology is already watching when text appears.
 */
export function StatusLine({ status, testId = 'command-status' }: { status: Status; testId?: string }) {
  const { t, p } = useI18n();
  const error = status?.kind === 'error' ? status.error : null;
  return (
    <>
      <div role="status" aria-live="polite" className="lstatus ok" data-testid={`${testId}-ok`}>
        {status?.kind === 'ok' ? <span>{p(status.text)}</span> : null}
      </div>
      <div
        role="alert"
        className="lstatus"
        data-testid={`${testId}-error`}
        data-code={error?.code ?? undefined}
      >
        {error ? (
          <div className={`lerror${error.code === 'storage-full' ? ' storage-full' : ''}`}>
            {error.code === 'storage-full' ? <strong>{t('status.storageFull')}</strong> : null}
            <span>{p(error)}</span>
            {error.issues.length ? (
              <ul className="lissues">
                {error.issues.map((i, n) => (
                  <li key={n}>
                    <code>{i}</code>
                  </li>
                ))}
              </ul>
            ) : null}
          </div>
        ) : null}
      </div>
    </>
  );
}

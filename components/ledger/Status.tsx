import type { Status } from './command';

/**
 * The inline result of a command: a polite live region for success, an alert for errors (zh first,
 * en beneath). Always rendered, so assistive technology is already watching when text appears.
 */
export function StatusLine({ status, testId = 'command-status' }: { status: Status; testId?: string }) {
  const error = status?.kind === 'error' ? status.error : null;
  return (
    <>
      <div role="status" aria-live="polite" className="lstatus ok" data-testid={`${testId}-ok`}>
        {status?.kind === 'ok' ? (
          <>
            <span lang="zh-CN">{status.text.zh}</span>
            <span lang="en" className="en">
              {status.text.en}
            </span>
          </>
        ) : null}
      </div>
      <div
        role="alert"
        className="lstatus"
        data-testid={`${testId}-error`}
        data-code={error?.code ?? undefined}
      >
        {error ? (
          <div className={`lerror${error.code === 'storage-full' ? ' storage-full' : ''}`}>
            {error.code === 'storage-full' ? <strong>存储空间已满 · Storage full</strong> : null}
            <span lang="zh-CN">{error.zh}</span>
            <span lang="en" className="en">
              {error.en}
            </span>
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

import { useId, useState, type FormEvent } from 'react';
import type { LedgerSettings } from '@/utils/ledger/types';
import { usePermission } from '../hooks/usePermission';
import { useCommand } from './command';
import { StatusLine } from './Status';
import { Field } from './Field';

/** Staleness threshold (days, 1–365, default 3) and notifications on/off. */
export function SettingsPanel({ settings }: { settings: LedgerSettings }) {
  const id = useId();
  const [days, setDays] = useState(String(settings.staleThresholdDays));
  const [base, setBase] = useState(settings.staleThresholdDays);
  if (base !== settings.staleThresholdDays) {
    setBase(settings.staleThresholdDays);
    setDays(String(settings.staleThresholdDays));
  }
  const { busy, status, run, setStatus } = useCommand();
  // Reminders reach the desktop only with the optional permission: the box shows what will really
  // happen, not just the stored wish (on by default, but a fresh install has not granted it yet).
  const permitted = usePermission('notifications');
  const notifying = settings.notificationsEnabled && permitted === true;
  const n = Number(days);
  const valid = Number.isInteger(n) && n >= 1 && n <= 365;

  const saveDays = async (e: FormEvent) => {
    e.preventDefault();
    if (!valid) {
      setStatus({
        kind: 'error',
        error: {
          code: 'invalid-input',
          zh: '天数应为 1–365 的整数',
          en: 'Days must be a whole number from 1 to 365',
          issues: [],
        },
      });
      return;
    }
    await run(
      { op: 'updateSettings', settings: { staleThresholdDays: n } },
      { zh: `已保存：超过 ${n} 天算超时`, en: `Saved: overdue after ${n} days` },
    );
  };

  const toggle = async (on: boolean) => {
    // Desktop notifications need the optional `notifications` permission: asked for here, on the
    // user's click, and only when they turn reminders on. Declined → the badge count still works.
    if (on && browser.permissions) {
      const granted = await browser.permissions
        .request({ permissions: ['notifications'] })
        .catch(() => false);
      if (!granted) {
        await run(
          { op: 'updateSettings', settings: { notificationsEnabled: false } },
          {
            zh: '未获得通知权限：仍会在工具栏图标上显示待处理数量',
            en: 'No notification permission: the toolbar badge still shows the count',
          },
        );
        return;
      }
    }
    await run(
      { op: 'updateSettings', settings: { notificationsEnabled: on } },
      on ? { zh: '已开启提醒', en: 'Reminders on' } : { zh: '已关闭提醒', en: 'Reminders off' },
    );
  };

  return (
    <div className="lsettings" data-testid="ledger-settings">
      <form className="lform" onSubmit={(e) => void saveDays(e)} noValidate>
        <Field htmlFor={`${id}-days`} zh="等待超过几天算超时" en="Overdue after (days)">
          <span className="linline">
            <input
              id={`${id}-days`}
              type="number"
              min={1}
              max={365}
              step={1}
              value={days}
              onChange={(e) => setDays(e.target.value)}
              aria-invalid={!valid}
              data-testid="settings-days"
            />
            <button
              type="submit"
              disabled={busy || n === settings.staleThresholdDays}
              data-testid="settings-days-save"
            >
              保存 · Save
            </button>
          </span>
        </Field>
      </form>
      <label className="lcheck" htmlFor={`${id}-notify`}>
        <input
          id={`${id}-notify`}
          type="checkbox"
          checked={notifying}
          disabled={busy || permitted === null}
          onChange={(e) => void toggle(e.target.checked)}
          data-testid="settings-notify"
        />
        <span>
          超时提醒（桌面通知） <span className="en">Overdue reminders (desktop notifications)</span>
        </span>
      </label>
      {permitted === false ? (
        <p className="hint" data-testid="settings-notify-permission">
          需要浏览器的通知权限，勾选后会询问；工具栏图标上的待处理数量不需要权限。
          <span className="en">
            {' '}
            Needs the browser&apos;s notification permission, asked for when you tick the box; the count on
            the toolbar icon needs none.
          </span>
        </p>
      ) : null}
      <StatusLine status={status} testId="settings-status" />
    </div>
  );
}

import '@/utils/i18n/ledger';
import { useId, useState, type FormEvent } from 'react';
import { both } from '@/utils/i18n';
import type { LedgerSettings } from '@/utils/ledger/types';
import { usePermission } from '../hooks/usePermission';
import { useCommand } from './command';
import { StatusLine } from './Status';
import { Field } from './Field';
import { useI18n } from '../hooks/useI18n';

/** Staleness threshold (days, 1–365, default 3) and notifications on/off. */
export function SettingsPanel({ settings }: { settings: LedgerSettings }) {
  const id = useId();
  const { t } = useI18n();
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
          ...both('settings.daysInvalid'),
          issues: [],
        },
      });
      return;
    }
    await run(
      { op: 'updateSettings', settings: { staleThresholdDays: n } },
      both('settings.daysSaved', { n }),
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
          both('settings.noPermission'),
        );
        return;
      }
    }
    await run(
      { op: 'updateSettings', settings: { notificationsEnabled: on } },
      both(on ? 'settings.remindersOn' : 'settings.remindersOff'),
    );
  };

  return (
    <div className="lsettings" data-testid="ledger-settings">
      <form className="lform" onSubmit={(e) => void saveDays(e)} noValidate>
        <Field htmlFor={`${id}-days`} label={t('settings.days')}>
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
              {t('settings.save')}
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
        <span>{t('settings.notify')}</span>
      </label>
      {permitted === false ? (
        <p className="hint" data-testid="settings-notify-permission">
          {t('settings.permissionHint')}
        </p>
      ) : null}
      <StatusLine status={status} testId="settings-status" />
    </div>
  );
}
